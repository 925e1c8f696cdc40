import { gatewayReaderGroup, parseAuditEvent, type AuditEvent } from '@app/contracts';
import { type Admin, type Kafka, readPartitionRange } from '@app/runtime';

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
  const range = await readPartitionRange(
    { kafka, admin },
    {
      topic: read.auditTopic,
      partition: read.partition,
      from: read.fromOffset,
      groupId: gatewayReaderGroup(read.gatewayGroup, 'auditTree'),
      timeoutMs: read.timeoutMs ?? 120_000,
    },
    (records) => {
      const shares: AuditEvent[] = [];
      for (const record of records) {
        const parsed = record.value ? parseAuditEvent(record.value) : null;
        if (!parsed?.ok || parsed.value.seq <= read.afterSeq) continue;
        if (parsed.value.type === 'share.allowed') shares.push(parsed.value);
      }
      if (shares.length > 0) read.onShares(shares);
    },
  );
  return range.to;
}
