/**
 * One queue per partition: work on a partition runs one at a time, in call order. The share
 * pipeline (barrier, decide, commit, index) and the notice pipeline (wait for state, plan,
 * commit) of one partition take turns through it, so a notice is never planned while a share
 * decided on an older profile is still uncommitted and missing from the index.
 */
export class PartitionLocks {
  private readonly tails = new Map<number, Promise<unknown>>();

  /** Runs `work` once earlier work on `partition` has settled. */
  run<T>(partition: number, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(partition) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.tails.set(partition, tail);
    void tail.then(() => {
      if (this.tails.get(partition) === tail) this.tails.delete(partition);
    });
    return run;
  }
}
