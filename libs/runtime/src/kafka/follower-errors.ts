import { isProgrammingError } from '../errors/classify-error';
import { OnwardError } from '../errors/onward-error';

/**
 * For a follower handler whose own dependency failed (a store refused a write): the error
 * marked retriable, so the follower hands the batch over again after a backoff, unless it is a
 * programming error, which a retry would only repeat. Keeps the message; the original is the
 * cause.
 */
export function dependencyFailure(error: unknown): OnwardError {
  if (error instanceof OnwardError) return error;
  const message = error instanceof Error ? error.message : 'non-error thrown';
  return new OnwardError(message, { retriable: !isProgrammingError(error), cause: error });
}
