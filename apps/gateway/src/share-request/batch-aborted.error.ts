import { OnwardError } from '@app/runtime';

/**
 * A batch whose transaction was aborted; it is fetched and decided again. Always retriable,
 * and without a `cause`: kafkajs judges an error from eachBatch by its innermost cause, and a
 * non-retriable one (a fenced producer after a rebalance, a bug) would stop the consumer for
 * good while the process stays up. The original error is logged where this is thrown.
 */
export class BatchAbortedError extends OnwardError {
  override name = 'BatchAbortedError';
  override readonly retriable = true;

  constructor(partition: number, firstOffset: string) {
    super(`batch of partition ${partition} from offset ${firstOffset} aborted; it will be retried`);
  }
}
