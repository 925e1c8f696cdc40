import { gatewayReaderGroup, parseAuditEvent, tipOf, type ChainTip } from '@app/contracts';
import { type Admin, type Kafka, partitionBounds, readPartitionRange } from '@app/runtime';

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
  const { low, high } = await partitionBounds(admin, auditTopic, partition);
  if (high <= low) return null;
  const groupId = gatewayReaderGroup(gatewayGroup, 'auditTail');
  for (let window = FIRST_WINDOW; ; window *= 2n) {
    const from = high - window > low ? high - window : low;
    let tip: ChainTip | null = null;
    const read = { topic: auditTopic, partition, from, to: high, groupId, timeoutMs };
    await readPartitionRange({ kafka, admin }, read, (records) => {
      for (const record of records) {
        const parsed = record.value ? parseAuditEvent(record.value) : null;
        if (parsed?.ok) tip = tipOf(parsed.value);
      }
    });
    if (tip || from === low) return tip;
  }
}
