/**
 * Whether each owned input partition is making progress, for `/health`. A partition is stuck
 * when its batches keep aborting (the same records are fetched and fail again) or when one
 * batch has been in flight longer than any healthy batch can take (its waits are all bounded).
 */

/** What `/health` reports about a partition that is not progressing. */
export interface StuckPartition {
  partition: number;
  /** Why, in words: counts and durations only. */
  reason: string;
}

/** When a partition counts as stuck. */
export interface ProgressLimits {
  /** Aborted batches in a row, with no commit between them. */
  maxConsecutiveAborts: number;
  /** How long one batch may be in flight (barrier, decide, transaction). */
  maxBatchMs: number;
}

interface Progress {
  inFlightSince: number | null;
  consecutiveAborts: number;
  firstAbortAt: number | null;
}

/** Per-partition progress of the share pipeline; times are epoch ms given by the caller. */
export class PartitionProgress {
  private readonly partitions = new Map<number, Progress>();

  constructor(private readonly limits: ProgressLimits) {}

  /** A batch of `partition` started at `now`. */
  started(partition: number, now: number): void {
    this.entry(partition).inFlightSince = now;
  }

  /** A batch of `partition` committed: the partition is moving. */
  committed(partition: number): void {
    this.partitions.set(partition, {
      inFlightSince: null,
      consecutiveAborts: 0,
      firstAbortAt: null,
    });
  }

  /** A batch of `partition` aborted at `now`; returns how many in a row. */
  aborted(partition: number, now: number): number {
    const entry = this.entry(partition);
    entry.inFlightSince = null;
    entry.consecutiveAborts += 1;
    entry.firstAbortAt ??= now;
    return entry.consecutiveAborts;
  }

  /** A batch ended with nothing to commit (all records already decided, or none fetched). */
  idle(partition: number): void {
    this.entry(partition).inFlightSince = null;
  }

  /** The partition was revoked: what it did here no longer matters. */
  forget(partition: number): void {
    this.partitions.delete(partition);
  }

  /** Partitions that are not progressing at `now`, in partition order. */
  stuck(now: number): StuckPartition[] {
    const out: StuckPartition[] = [];
    for (const [partition, p] of [...this.partitions].sort(([a], [b]) => a - b)) {
      if (p.consecutiveAborts >= this.limits.maxConsecutiveAborts) {
        const since = Math.round((now - (p.firstAbortAt ?? now)) / 1000);
        const reason = `${p.consecutiveAborts} batches aborted in a row over ${since} s`;
        out.push({ partition, reason });
      } else if (p.inFlightSince !== null && now - p.inFlightSince > this.limits.maxBatchMs) {
        const reason = `one batch in flight for ${Math.round((now - p.inFlightSince) / 1000)} s`;
        out.push({ partition, reason });
      }
    }
    return out;
  }

  private entry(partition: number): Progress {
    let entry = this.partitions.get(partition);
    if (!entry) {
      entry = { inFlightSince: null, consecutiveAborts: 0, firstAbortAt: null };
      this.partitions.set(partition, entry);
    }
    return entry;
  }
}
