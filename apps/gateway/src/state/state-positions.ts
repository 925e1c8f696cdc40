import { OnwardError } from '@app/runtime';

/** Offsets to reach, per topic and partition. */
export type OffsetTargets = Map<string, Map<number, bigint>>;

/**
 * How far the state consumer has applied each state partition (the next offset it will
 * read), and the waiters of the consent barrier. Pure bookkeeping, no Kafka.
 */
export class StatePositions {
  private readonly next = new Map<string, bigint>();
  private waiters: { targets: OffsetTargets; resolve: () => void }[] = [];

  /** Records that everything before `nextOffset` of the partition has been applied. */
  advance(topic: string, partition: number, nextOffset: bigint): void {
    const key = `${topic}:${partition}`;
    const current = this.next.get(key) ?? 0n;
    if (nextOffset > current) this.next.set(key, nextOffset);
    this.waiters = this.waiters.filter((w) => {
      if (!this.reached(w.targets)) return true;
      w.resolve();
      return false;
    });
  }

  /** Sets where a partition stands, e.g. at its checkpoint when it is restored from the store. */
  reset(topic: string, partition: number, nextOffset: bigint): void {
    this.next.set(`${topic}:${partition}`, nextOffset);
    this.advance(topic, partition, nextOffset);
  }

  /** Forgets a partition that is no longer materialised: a barrier on it waits again. */
  forget(topic: string, partition: number): void {
    this.next.delete(`${topic}:${partition}`);
  }

  /** The next offset to apply of a partition (0 when nothing applied). */
  position(topic: string, partition: number): bigint {
    return this.next.get(`${topic}:${partition}`) ?? 0n;
  }

  /** Whether every target partition has been applied up to its target offset. */
  reached(targets: OffsetTargets): boolean {
    for (const [topic, partitions] of targets) {
      for (const [partition, target] of partitions) {
        if ((this.next.get(`${topic}:${partition}`) ?? 0n) < target) return false;
      }
    }
    return true;
  }

  /** Resolves once `targets` are reached; rejects after `timeoutMs`. */
  waitFor(targets: OffsetTargets, timeoutMs: number): Promise<void> {
    if (this.reached(targets)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new StateBarrierTimeoutError(timeoutMs));
      }, timeoutMs);
      const waiter = {
        targets,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Largest gap between a target and the applied offset (0 when caught up). */
  lag(targets: OffsetTargets): bigint {
    let lag = 0n;
    for (const [topic, partitions] of targets) {
      for (const [partition, target] of partitions) {
        const gap = target - (this.next.get(`${topic}:${partition}`) ?? 0n);
        if (gap > lag) lag = gap;
      }
    }
    return lag;
  }
}

/** The consent barrier was not reached in time: the batch is retried, never decided on stale state. */
export class StateBarrierTimeoutError extends OnwardError {
  override name = 'StateBarrierTimeoutError';
  override readonly retriable = true;
  constructor(timeoutMs: number) {
    super(`state topics not caught up within ${timeoutMs} ms`);
  }
}
