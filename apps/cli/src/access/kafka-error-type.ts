/**
 * The broker error type (e.g. `TOPIC_AUTHORIZATION_FAILED`) of a kafkajs error, looked up on
 * the error and its causes: kafkajs wraps protocol errors (a producer's metadata failure, a
 * consumer's crash) in non-retriable errors. Null when there is none.
 */
export function kafkaErrorType(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 8; depth += 1) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string') return type;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
