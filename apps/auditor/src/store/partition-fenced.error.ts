import { OnwardError } from '@app/runtime';

/**
 * A batch written under a claim that is no longer current: another auditor took the partition
 * over (a rebalance) and resumed from the stored checkpoint. Nothing of the batch was written;
 * the stale instance drops the partition's chain and claims it again if it is still assigned.
 */
export class PartitionFencedError extends OnwardError {
  override readonly name = 'PartitionFencedError';

  constructor(
    readonly partition: number,
    readonly epoch: number,
  ) {
    super(`audit partition ${partition} was claimed by another auditor after epoch ${epoch}`);
  }
}
