import {
  appendSignatureLines,
  auditLeaf,
  checkpointOrigin,
  cosignatureLine,
  EMPTY_RANGE,
  extendRange,
  judgeTreeHead,
  judgementNodes,
  leafHash,
  nodesView,
  openCheckpoint,
  type AuditEvent,
  type CheckpointAlert,
  type CompactRange,
  type NoteSigner,
  type NoteVerifier,
  type OpenedCheckpoint,
} from '@app/contracts';
import { buildStoredNodes } from './stored-tree';
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
 * leaf of every audit event it reads with the tree nodes it completes, and for each signed
 * checkpoint checks the log's signature, that the tree of its stored events has that root, and
 * consistency with the last checkpoint it cosigned; then cosigns and keeps it as the
 * partition's latest. Anything else is an alert naming partition, size and kind. Storing a
 * batch costs O(batch) hashes; judging a checkpoint O(log n) stored nodes, never a reread.
 */
export class Witness {
  /** Checkpoints waiting for their events, per partition (the newest few only). */
  private readonly pending = new Map<number, string[]>();
  /** Partitions whose nodes this process has brought up to their stored leaves. */
  private readonly built = new Set<number>();

  constructor(
    private readonly repo: WitnessRepository,
    private readonly config: WitnessConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Builds the tree nodes of leaves stored before nodes were kept (an upgraded store), for
   * every partition, in bounded batches. Run at start; each partition is also built on its
   * first use.
   */
  async buildNodes(): Promise<void> {
    for (const partition of (await this.repo.ranges()).keys()) await this.range(partition);
  }

  /** Stores the leaves of audit events read from `partition` (in offset order). */
  async acceptEvents(partition: number, events: readonly AuditEvent[]): Promise<void> {
    const range = await this.range(partition);
    let next = range.size;
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
    const grown = extendRange(
      range,
      leaves.map((l) => l.leafHash),
    );
    await this.repo.grow({ partition, leaves, nodes: grown.nodes, range: grown.range });
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
    const { size } = await this.range(partition);
    const nodes = await this.repo.nodes(partition, judgementNodes(size, accepted, head));
    const judged = judgeTreeHead(partition, nodesView(size, nodes), accepted, head, complete);
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

  /** The partition's stored range (the shared store's: another auditor may have grown it). */
  private async range(partition: number): Promise<CompactRange> {
    const stored = (await this.repo.ranges()).get(partition) ?? EMPTY_RANGE;
    if (this.built.has(partition)) return stored;
    const range = await buildStoredNodes(this.repo, partition, stored);
    this.built.add(partition);
    return range;
  }

  private async alert(alert: CheckpointAlert): Promise<WitnessOutcome> {
    await this.repo.saveAlert(alert, this.clock().toISOString());
    return { outcome: 'alert', alert };
  }
}
