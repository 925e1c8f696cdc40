import {
  auditLeafHash,
  gatewayReaderGroup,
  CompactTree,
  parseAuditEvent,
  tipOf,
  type ChainTip,
} from '@app/contracts';
import type { Admin, Kafka } from 'kafkajs';
import { OnwardError } from '@app/runtime';

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
  const offsets = await admin.fetchTopicOffsets(auditTopic);
  const entry = offsets.find((o) => o.partition === partition);
  const low = BigInt(entry?.low ?? '0');
  const high = BigInt(entry?.high ?? '0');
  const tree = CompactTree.empty();
  let tip: ChainTip | null = null;
  if (high <= low) return { tip, tree };
  // kafkajs cannot assign a partition by hand: a throwaway group, then a seek.
  const consumer = kafka.consumer({
    groupId: gatewayReaderGroup(gatewayGroup, 'auditTree'),
    readUncommitted: false,
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [auditTopic], fromBeginning: false });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`audit tree of ${auditTopic}/${partition} not read in time`)),
        timeoutMs,
      );
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.partition === partition && BigInt(payload.lastOffset) + 1n >= high) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    let failure: Error | null = null;
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (batch.partition !== partition || failure) return;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= high || !message.value) continue;
          const parsed = parseAuditEvent(message.value);
          if (!parsed.ok) continue;
          if (parsed.value.seq !== tree.size) {
            // Leaf i must be seq i: a partition whose first events were deleted cannot be rebuilt.
            failure = new AuditTreeUnavailableError(
              `audit partition ${partition} does not start at seq 0 (found ${parsed.value.seq})`,
            );
            return;
          }
          tree.append(auditLeafHash(parsed.value));
          tip = tipOf(parsed.value);
        }
      },
    });
    consumer.seek({ topic: auditTopic, partition, offset: low.toString() });
    await done;
    if (failure) throw failure;
  } finally {
    await consumer.disconnect();
  }
  return { tip, tree };
}
