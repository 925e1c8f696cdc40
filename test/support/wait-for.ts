/** Options for {@link waitFor}. */
export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  what?: string;
}

/**
 * Polls `predicate` until it returns a truthy value and returns that value, or fails with
 * `what` once the deadline passes. The way to wait on Kafka in a test: never a fixed sleep.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 50, what = 'condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitFor: ${what} not reached within ${timeoutMs} ms${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
