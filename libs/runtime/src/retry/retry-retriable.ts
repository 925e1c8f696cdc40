import { isRetriable } from '../errors/classify-error';

/** How {@link retryRetriable} retries. */
export interface RetryOptions {
  attempts?: number;
  initialDelayMs?: number;
  /** Called before each retry with the error that caused it. */
  onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Runs `task` and retries it, with doubling delays, while it fails with an error that says it
 * is retriable (kafkajs marks broker conditions such as a leader election after topic creation
 * with `retriable: true`). Any other error, a programming error above all, is thrown at once.
 */
export async function retryRetriable<T>(
  task: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 6;
  let delay = options.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= attempts || !isRetriable(error)) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
}
