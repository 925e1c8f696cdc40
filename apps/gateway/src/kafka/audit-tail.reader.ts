import { gatewayReaderGroup, parseAuditEvent, tipOf, type ChainTip } from '@app/contracts';
import type { Admin, Kafka } from 'kafkajs';

/** How far back from the end the first look starts; doubled until an event is found. */
const FIRST_WINDOW = 64n;

/**
 * Reads the last committed audit event of one audit partition (read_committed) and returns
 * its chain tip, or null when the partition holds no event. Used when the committed input
 * offset carries no chain checkpoint (a new consumer group over an existing audit topic), so
 * the chain continues from the log instead of forking from genesis. Call it after the
 * partition's transactional producer has fenced earlier holders, so nothing is in flight.
 */
export async function readAuditTail(
  kafka: Kafka,
  admin: Admin,
  gatewayGroup: string,
  auditTopic: string,
  partition: number,
  timeoutMs = 30_000,
): Promise<ChainTip | null> {
  const offsets = await admin.fetchTopicOffsets(auditTopic);
  const entry = offsets.find((o) => o.partition === partition);
  const low = BigInt(entry?.low ?? '0');
  const high = BigInt(entry?.high ?? '0');
  if (high <= low) return null;
  for (let window = FIRST_WINDOW; ; window *= 2n) {
    const from = high - window > low ? high - window : low;
    const tip = await lastEventBetween(
      kafka,
      gatewayGroup,
      auditTopic,
      partition,
      from,
      high,
      timeoutMs,
    );
    if (tip || from === low) return tip;
  }
}

async function lastEventBetween(
  kafka: Kafka,
  gatewayGroup: string,
  topic: string,
  partition: number,
  from: bigint,
  end: bigint,
  timeoutMs: number,
): Promise<ChainTip | null> {
  // kafkajs cannot assign a partition by hand: a throwaway group, then a seek.
  const consumer = kafka.consumer({
    groupId: gatewayReaderGroup(gatewayGroup, 'auditTail'),
    readUncommitted: false,
  });
  let tip: ChainTip | null = null;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`audit tail of ${topic}/${partition} not read in time`)),
        timeoutMs,
      );
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.partition === partition && BigInt(payload.lastOffset) + 1n >= end) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (batch.partition !== partition) return;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= end || !message.value) continue;
          const parsed = parseAuditEvent(message.value);
          if (parsed.ok) tip = tipOf(parsed.value);
        }
      },
    });
    consumer.seek({ topic, partition, offset: from.toString() });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return tip;
}
