/**
 * Per partition, the asynchronous writes queued and not yet committed, and whether one of them
 * failed. lmdb-js commits asynchronous transactions in the order they were queued, so waiting
 * for the last one queued waits for all of them.
 */
export class QueuedWrites {
  private readonly last = new Map<number, Promise<void>>();
  private readonly failed = new Set<number>();

  /** Follows a write of `partition`; its failure is remembered, never left unhandled. */
  track(partition: number, write: Promise<unknown>): void {
    const settled = write.then(
      () => undefined,
      () => {
        this.failed.add(partition);
      },
    );
    this.last.set(partition, settled);
    void settled.then(() => {
      if (this.last.get(partition) === settled) this.last.delete(partition);
    });
  }

  /** Waits for every write of `partition` queued so far; false when one of them failed. */
  async settled(partition: number): Promise<boolean> {
    await this.last.get(partition);
    return !this.failed.has(partition);
  }

  /** Forgets a failure once the partition's data was rebuilt or dropped. */
  forget(partition: number): void {
    this.failed.delete(partition);
  }
}
