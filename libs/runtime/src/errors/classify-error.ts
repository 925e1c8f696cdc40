import { OnwardError } from './onward-error';

/** Programming errors: a retry runs the same code into the same bug. */
const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError] as const;

/** How deep a cause chain is followed (a cycle of causes must not loop). */
const MAX_CAUSE_DEPTH = 10;

/** True for a programming error (`TypeError` and the like): never worth a retry. */
export function isProgrammingError(error: unknown): boolean {
  return PROGRAMMING_ERRORS.some((type) => error instanceof type);
}

/** The next error down: `cause` (ours, ES2022) or kafkajs' `originalError`. */
function causeOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const { cause, originalError } = error as { cause?: unknown; originalError?: unknown };
  return cause ?? originalError;
}

/**
 * Whether retrying may help: an error, or one in its cause chain, says `retriable: true`
 * (kafkajs marks broker conditions such as a leader election that way; so do we), and no
 * programming error (`TypeError` and the like) is on the way there. Never decided by the
 * message text.
 */
export function isRetriable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < MAX_CAUSE_DEPTH; e = causeOf(e), depth += 1) {
    if (isProgrammingError(e)) return false;
    if ((e as { retriable?: unknown }).retriable === true) return true;
  }
  return false;
}

/**
 * The one classifier of Kafka, driver and own errors: an {@link OnwardError} as it is; any
 * other error (kafkajs' `KafkaJSError`, a database driver's, a `TypeError`) wrapped in one
 * whose `retriable` follows {@link isRetriable} and whose `cause` is the original.
 */
export function classifyError(error: unknown, message?: string): OnwardError {
  if (error instanceof OnwardError && message === undefined) return error;
  const text = message ?? (error instanceof Error ? error.message : 'non-error thrown');
  return new OnwardError(text, { retriable: isRetriable(error), cause: error });
}
