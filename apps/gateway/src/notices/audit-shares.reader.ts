import { gatewayReaderGroup, parseAuditEvent, type AuditEvent } from '@app/contracts';
import type { Admin, Kafka } from 'kafkajs';

/** Where to read one audit partition from, and what to hand over. */
export interface AuditSharesRead {
  gatewayGroup: string;
  auditTopic: string;
  partition: number;
  /** First offset to read (clamped to the log's start). */
  fromOffset: bigint;
  /** Events at or below this seq were handled before and are skipped. */
  afterSeq: number;
  /** Called per fetched batch with its `share.allowed` events, in seq order. */
  onShares: (events: AuditEvent[]) => void;
  timeoutMs?: number;
}

/**
 * Reads an audit partition (read_committed) from `fromOffset` to its current end and hands
 * every `share.allowed` event after `afterSeq` to `onShares`: how the past-recipient index
 * catches up with the audit log after a restart or a new assignment. Returns the end offset
 * read to. Call it after the partition's transactional producer has fenced earlier holders.
 */
export async function readAuditShares(
  kafka: Kafka,
  admin: Admin,
  read: AuditSharesRead,
): Promise<bigint> {
  const { auditTopic: topic, partition } = read;
  const offsets = await admin.fetchTopicOffsets(topic);
  const entry = offsets.find((o) => o.partition === partition);
  const low = BigInt(entry?.low ?? '0');
  const high = BigInt(entry?.high ?? '0');
  const from = read.fromOffset > low ? read.fromOffset : low;
  if (high <= from) return high;
  // kafkajs cannot assign a partition by hand: a throwaway group, then a seek.
  const consumer = kafka.consumer({
    groupId: gatewayReaderGroup(read.gatewayGroup, 'auditTree'),
    readUncommitted: false,
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`audit shares of ${topic}/${partition} not read in time`)),
        read.timeoutMs ?? 120_000,
      );
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.partition === partition && BigInt(payload.lastOffset) + 1n >= high) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (batch.partition !== partition) return;
        const shares: AuditEvent[] = [];
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= high || !message.value) continue;
          const parsed = parseAuditEvent(message.value);
          if (!parsed.ok || parsed.value.seq <= read.afterSeq) continue;
          if (parsed.value.type === 'share.allowed') shares.push(parsed.value);
        }
        if (shares.length > 0) read.onShares(shares);
      },
    });
    consumer.seek({ topic, partition, offset: from.toString() });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return high;
}
