import {
  auditLeafHash,
  gatewayReaderGroup,
  CompactTree,
  parseAuditEvent,
  tipOf,
  type ChainTip,
} from '@app/contracts';
import { type Admin, type Kafka, OnwardError, readPartitionRange } from '@app/runtime';

/** The chain tip and Merkle tree of an audit partition, as read from the log. */
export interface AuditTreeState {
  tip: ChainTip | null;
  tree: CompactTree;
}

/** Raised when the audit partition cannot give a whole tree (its start was deleted). */
export class AuditTreeUnavailableError extends OnwardError {
  override name = 'AuditTreeUnavailableError';
}

/**
 * Rebuilds an audit partition's compact Merkle tree (and chain tip) by reading it from its
 * first event (read_committed). Only needed when the committed offset carries no tree: the
 * first start of a gateway with checkpoints over an existing audit topic, or a new group. Reads
 * each event once and keeps O(log n) hashes. Call it after the partition's transactional
 * producer has fenced earlier holders, so nothing is in flight.
 */
export async function readAuditTree(
  kafka: Kafka,
  admin: Admin,
  gatewayGroup: string,
  auditTopic: string,
  partition: number,
  timeoutMs = 120_000,
): Promise<AuditTreeState> {
  const tree = CompactTree.empty();
  let tip: ChainTip | null = null;
  const groupId = gatewayReaderGroup(gatewayGroup, 'auditTree');
  await readPartitionRange(
    { kafka, admin },
    { topic: auditTopic, partition, groupId, timeoutMs },
    (records) => {
      for (const record of records) {
        const parsed = record.value ? parseAuditEvent(record.value) : null;
        if (!parsed?.ok) continue;
        if (parsed.value.seq !== tree.size) {
          // Leaf i must be seq i: a partition whose first events were deleted cannot be rebuilt.
          throw new AuditTreeUnavailableError(
            `audit partition ${partition} does not start at seq 0 (found ${parsed.value.seq})`,
          );
        }
        tree.append(auditLeafHash(parsed.value));
        tip = tipOf(parsed.value);
      }
    },
  );
  return { tip, tree };
}
