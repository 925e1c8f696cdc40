import { isRetriable } from '../../errors/classify-error';
import { OnwardError } from '../../errors/onward-error';

/**
 * A transaction of a {@link TransactionalWriter} that did not commit: it was aborted (or the
 * broker aborts it on timeout), so none of its records or offsets are visible read_committed.
 * `retriable` follows the cause; a fenced writer (another holder opened the same
 * transactional id) is not, and must be reopened rather than retried.
 */
export class TransactionFailedError extends OnwardError {
  override name = 'TransactionFailedError';

  constructor(transactionalId: string, cause: unknown) {
    super(`transaction of ${transactionalId} failed and was aborted`, {
      retriable: isRetriable(cause),
      cause,
    });
  }
}
