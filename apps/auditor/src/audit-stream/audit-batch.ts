import type { ChainAlert } from '@app/contracts';
import type { AuditBatchWrite, AuditRecord } from '../store/store.types';
import type { PartitionChain } from './partition-chain';
import type { StreamRecord } from '@app/runtime';

/**
 * Verifies one fetched batch of an audit partition and describes what to store. Records
 * before the chain's position were read already (a redelivery after a restart or a
 * rebalance) and are skipped, so the same record is never checked twice.
 */
export function verifyAuditBatch(
  chain: PartitionChain,
  messages: readonly StreamRecord[],
  detectedAt: string,
): AuditBatchWrite {
  const records: AuditRecord[] = [];
  const alerts: ChainAlert[] = [];
  for (const message of messages) {
    const offset = Number(message.offset);
    if (offset < chain.nextOffset()) continue;
    const step = chain.accept(message.value, offset);
    records.push({
      partition: chain.partition,
      offset,
      timestampMs: Number(message.timestamp),
      event: step.event,
    });
    alerts.push(...step.alerts);
  }
  return {
    partition: chain.partition,
    epoch: chain.epoch,
    records,
    alerts,
    checkpoint: chain.checkpoint(),
    tip: chain.tipWithOffset(),
    detectedAt,
  };
}

/** What to store after settling a held record at the end of the stream. */
export function flushAuditChain(chain: PartitionChain, detectedAt: string): AuditBatchWrite {
  const alerts = chain.flush();
  return {
    partition: chain.partition,
    epoch: chain.epoch,
    records: [],
    alerts,
    checkpoint: chain.checkpoint(),
    tip: chain.tipWithOffset(),
    detectedAt,
  };
}
