import {
  checkpointOrigin,
  signCheckpoint,
  type CompactTree,
  type NoteSigner,
} from '@app/contracts';
import type { Message } from '@app/runtime';

/** The last checkpoint a partition's writer committed: its tree size and when. */
export interface SignedMark {
  size: number;
  atMs: number;
}

/** When checkpoints are due. */
export interface CheckpointCadence {
  /** Sign once this many events were added since the last checkpoint. */
  everyEvents: number;
  /** Sign when events were added and this long passed since the last checkpoint. */
  intervalMs: number;
}

/**
 * Signs C2SP checkpoints of audit partitions with the gateway's log key, as records of the
 * checkpoints topic (key = the audit partition in decimal, DESIGN §7). Pure apart from the
 * signature: the caller passes the time and writes the record in its transaction.
 */
export class CheckpointSigner {
  constructor(
    private readonly signer: NoteSigner,
    private readonly clusterId: string,
    private readonly auditTopic: string,
    private readonly cadence: CheckpointCadence,
  ) {}

  /** The origin line of `partition`'s log. */
  origin(partition: number): string {
    return checkpointOrigin(this.clusterId, this.auditTopic, partition);
  }

  /**
   * True when `tree` has events no checkpoint covers and either enough of them or enough time
   * since the last one; always true for new events when nothing was signed since the writer
   * opened (its last mark is unknown after a restart: one extra checkpoint is harmless).
   */
  isDue(tree: CompactTree, last: SignedMark | null, nowMs: number): boolean {
    if (tree.size === 0 || (last !== null && tree.size <= last.size)) return false;
    if (last === null) return true;
    return (
      tree.size - last.size >= this.cadence.everyEvents ||
      nowMs - last.atMs >= this.cadence.intervalMs
    );
  }

  /** The checkpoints-topic record of `partition` at `tree`. */
  record(partition: number, tree: CompactTree): Message {
    const note = signCheckpoint(
      { origin: this.origin(partition), size: tree.size, rootHash: tree.root() },
      this.signer,
    );
    return { key: String(partition), value: Buffer.from(note, 'utf8') };
  }
}
