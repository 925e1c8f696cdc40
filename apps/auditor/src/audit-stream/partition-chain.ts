import { type AuditEvent, type ChainAlert, ChainVerifier } from '@app/contracts';
import type { ChainCheckpoint, LiveTip } from '../store/store.types';

/** The outcome of reading one record. */
export interface ChainStep {
  event: AuditEvent | null;
  alerts: ChainAlert[];
}

interface Held {
  seq: number;
  hash: string;
}

/**
 * One audit partition's `ChainVerifier` plus what a restart needs: the latest *quiet* point,
 * where the verifier holds nothing back and its tip is the record just read. Resuming there
 * (tip and next offset) puts a new verifier in the same state as the old one; records read
 * after it are read again after a restart and their alerts come out the same (the store
 * ignores an alert it already has).
 *
 * The verifier does not say when it holds a record back, so this class infers it: a record
 * that parsed, is not named by any alert and did not become the tip is held, until an alert
 * names it, the tip moves past its seq, or it becomes the tip.
 */
export class PartitionChain {
  private readonly verifier: ChainVerifier;
  private readonly held = new Map<number, Held>();
  /** Offsets of events read since the quiet point, by hash: the tip may move back to one. */
  private readonly offsets = new Map<string, number>();
  private quiet: ChainCheckpoint;
  private position: number;
  private lastUnparseable = false;

  /**
   * @param checkpoint where the store says to resume (none: genesis)
   * @param epoch the claim of the partition this chain reads under; its writes carry it
   */
  constructor(
    readonly partition: number,
    checkpoint?: ChainCheckpoint,
    readonly epoch = 0,
  ) {
    const tip = checkpoint?.tip ?? null;
    this.verifier = new ChainVerifier(partition, {
      tip: tip ? { seq: tip.seq, hash: tip.hash, offset: String(tip.offset) } : null,
    });
    this.quiet = checkpoint ?? { tip: null, nextOffset: 0 };
    this.position = this.quiet.nextOffset;
    if (tip) this.offsets.set(tip.hash, tip.offset);
  }

  /** The offset of the next record to read; earlier ones were read already. */
  nextOffset(): number {
    return this.position;
  }

  /** Whether the verifier is holding a record back, waiting for its successor. */
  isHolding(): boolean {
    return this.held.size > 0;
  }

  /** Checks the record at `offset` (a null value, a tombstone, is unparseable). */
  accept(value: Buffer | null, offset: number): ChainStep {
    const { event, alerts } = this.verifier.accept(value ?? Buffer.alloc(0), offset);
    this.position = offset + 1;
    this.lastUnparseable = alerts.some((a) => a.kind === 'unparseable');
    if (event) this.remember(event.hash, offset);
    const named = new Set(alerts.map((a) => a.offset));
    for (const at of named) if (at !== null) this.held.delete(Number(at));
    const tip = this.verifier.currentTip();
    for (const [at, held] of this.held) {
      if (tip && (held.seq < tip.seq || held.hash === tip.hash)) this.held.delete(at);
    }
    const adopted = event !== null && tip?.hash === event.hash && tip.seq === event.seq;
    if (event && !adopted && !named.has(String(offset))) {
      this.held.set(offset, { seq: event.seq, hash: event.hash });
    }
    if (adopted && alerts.length === 0 && this.held.size === 0) this.markQuiet(offset);
    return { event, alerts };
  }

  /** Settles a held record without waiting for its successor (at the end of the stream). */
  flush(): ChainAlert[] {
    const alerts = this.verifier.flush();
    this.held.clear();
    const tip = this.tipWithOffset();
    if (tip !== null && tip.offset !== null && !this.lastUnparseable) {
      this.quiet = { tip: { ...tip, offset: tip.offset }, nextOffset: this.position };
    }
    return alerts;
  }

  /** The latest point a restart may resume from. */
  checkpoint(): ChainCheckpoint {
    return this.quiet;
  }

  /** The verifier's current tip, with its offset when known. */
  tipWithOffset(): LiveTip | null {
    const tip = this.verifier.currentTip();
    return tip ? { ...tip, offset: this.offsets.get(tip.hash) ?? null } : null;
  }

  private markQuiet(offset: number): void {
    const tip = this.verifier.currentTip();
    if (!tip) return;
    this.quiet = { tip: { ...tip, offset }, nextOffset: offset + 1 };
    this.offsets.clear();
    this.offsets.set(tip.hash, offset);
  }

  private remember(hash: string, offset: number): void {
    this.offsets.set(hash, offset);
    // A long tampered stretch with no quiet point must not grow memory without bound.
    if (this.offsets.size > 100_000) this.offsets.delete(this.offsets.keys().next().value!);
  }
}
