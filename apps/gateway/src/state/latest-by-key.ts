/**
 * The last value per key of a compacted topic, applied in log order: a value replaces, a
 * tombstone (null) forgets. What is not here is unknown, and unknown means deny.
 */
export class LatestByKey<T> {
  private readonly values = new Map<string, T>();

  /** Applies one record. */
  apply(key: string, value: T | null): void {
    if (value === null) this.values.delete(key);
    else this.values.set(key, value);
  }

  /** The value, or null when unknown. */
  get(key: string): T | null {
    return this.values.get(key) ?? null;
  }

  /** How many keys are known. */
  size(): number {
    return this.values.size;
  }
}
