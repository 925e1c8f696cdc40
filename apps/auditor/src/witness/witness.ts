import {
  appendSignatureLines,
  auditLeaf,
  checkpointOrigin,
  cosignatureLine,
  leafHash,
  openCheckpoint,
  witnessTreeHead,
  type AuditEvent,
  type CheckpointAlert,
  type NoteSigner,
  type NoteVerifier,
  type OpenedCheckpoint,
} from '@app/contracts';
import type { CosignedHead, WitnessLeaf, WitnessRepository } from './witness.repository';

/** What the witness did with one checkpoint. */
export type WitnessOutcome =
  | { outcome: 'cosigned'; head: CosignedHead }
  | { outcome: 'stale' | 'pending' }
  | { outcome: 'alert'; alert: CheckpointAlert };

/** The witness's keys and the log it watches. */
export interface WitnessConfig {
  /** Trusted log verifier keys (several during a rotation). */
  logKeys: readonly NoteVerifier[];
  /** The witness's own cosigner key (type 0x04). */
  cosigner: NoteSigner;
  /** Cluster id and audit topic of the origin lines. */
  clusterId: string;
  auditTopic: string;
}

/**
 * The auditor as a witness (c2sp.org/tlog-witness semantics, fed from Kafka): it stores the
 * leaf of every audit event it reads, and for each signed checkpoint checks the log's
 * signature, that the tree of its stored events has that root, and consistency with the last
 * checkpoint it cosigned; then cosigns and keeps it as the partition's latest. Anything else
 * is an alert naming partition, size and kind.
 */
export class Witness {
  /** Checkpoints waiting for their events, per partition (the newest few only). */
  private readonly pending = new Map<number, string[]>();
  private counts: Map<number, number> | null = null;

  constructor(
    private readonly repo: WitnessRepository,
    private readonly config: WitnessConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Stores the leaves of audit events read from `partition` (in offset order). */
  async acceptEvents(partition: number, events: readonly AuditEvent[]): Promise<void> {
    const counts = await this.leafCounts();
    let next = counts.get(partition) ?? 0;
    const leaves: WitnessLeaf[] = [];
    for (const event of events) {
      // Leaf i is seq i: a duplicate is skipped; a gap is the chain verifier's to report.
      if (event.partition !== partition || event.seq !== next) continue;
      const canonical = auditLeaf(event);
      leaves.push({
        partition,
        seq: next,
        eventId: event.eventId,
        canonical,
        leafHash: leafHash(canonical),
      });
      next += 1;
    }
    if (leaves.length === 0) return;
    await this.repo.appendLeaves(leaves);
    counts.set(partition, next);
  }

  /**
   * Judges one checkpoint note of `partition`. `complete`: every audit event of the partition
   * up to its end is stored, so a tree size beyond them is a truncation, not a delay.
   */
  async acceptCheckpoint(
    partition: number,
    note: string,
    complete: boolean,
  ): Promise<WitnessOutcome> {
    let head: OpenedCheckpoint;
    try {
      const origin = checkpointOrigin(this.config.clusterId, this.config.auditTopic, partition);
      head = openCheckpoint(note, this.config.logKeys, [], origin);
    } catch (error) {
      return this.alert({
        partition,
        size: 0,
        kind: 'unverified',
        detail: `checkpoint not signed by a trusted log key for this partition (${(error as Error).message})`,
      });
    }
    const accepted =
      (await this.repo.cosignedHeads()).find((h) => h.partition === partition) ?? null;
    const size = Math.max(head.size, accepted?.size ?? 0);
    const leaves = await this.repo.leafHashes(partition, size);
    const judged = witnessTreeHead(partition, leaves, accepted, head, complete);
    if (judged.outcome === 'pending') {
      this.pending.set(partition, [...(this.pending.get(partition) ?? []), note].slice(-4));
      return { outcome: 'pending' };
    }
    if (judged.outcome === 'alert') return this.alert(judged.alert);
    if (judged.outcome === 'stale') return { outcome: 'stale' };
    const now = this.clock();
    const line = cosignatureLine(this.config.cosigner, head.text, Math.floor(now.getTime() / 1000));
    const cosigned: CosignedHead = {
      partition,
      size: head.size,
      rootHash: Buffer.from(head.rootHash),
      note: appendSignatureLines(note, [line]),
      cosignedAt: now.toISOString(),
    };
    await this.repo.saveCosigned(cosigned);
    return { outcome: 'cosigned', head: cosigned };
  }

  /** Judges again the checkpoints that waited for events of `partition`. */
  async retryPending(partition: number, complete: boolean): Promise<WitnessOutcome[]> {
    const notes = this.pending.get(partition) ?? [];
    this.pending.delete(partition);
    const outcomes: WitnessOutcome[] = [];
    for (const note of notes) outcomes.push(await this.acceptCheckpoint(partition, note, complete));
    return outcomes;
  }

  /** Partitions with checkpoints waiting for events. */
  pendingPartitions(): number[] {
    return [...this.pending.keys()];
  }

  private async leafCounts(): Promise<Map<number, number>> {
    this.counts ??= await this.repo.leafCounts();
    return this.counts;
  }

  private async alert(alert: CheckpointAlert): Promise<WitnessOutcome> {
    await this.repo.saveAlert(alert, this.clock().toISOString());
    return { outcome: 'alert', alert };
  }
}
