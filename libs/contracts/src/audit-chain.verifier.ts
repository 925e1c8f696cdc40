/**
 * Incremental verification of one audit partition's hash chain (DESIGN §6, tamper evidence).
 *
 * Each event is checked for self-consistency (its hash matches its content) and for linkage
 * (its seq follows the tip and its prevHash is the tip's hash). A broken link alone cannot say
 * which event is at fault: a deleted event, two swapped events and a forged event all look the
 * same at the first odd record. So the verifier holds at most one suspicious event back and
 * lets the next record decide:
 *
 * - `changed`: the hash does not match the event's content. Reported at once. The event's
 *   claimed hash is kept as the tip, so its untouched successor still links.
 * - `missing`: seq jumps forward and the next event continues from the jumped-to event. The
 *   alert names the first missing seq and the offset of the event after the hole.
 * - `reordered`: an event arrives after a later one: the event that goes backwards is named
 *   (for a swap of k and k+1, the alert is seq k at the offset where k was found); also an
 *   exact copy of an event already seen.
 * - `inserted`: a self-consistent event that does not belong to the chain: its successor links
 *   past it, it forks the chain (same seq and prevHash as another event whose line continues),
 *   it claims a seq already taken, or it belongs to another partition.
 * - `unparseable`: bytes that are not an AuditEvent; the seq named is the one expected there.
 *   Up to one following seq per unparseable record is then accepted without a link check,
 *   since the garbage may have replaced events.
 *
 * Re-synchronisation: after any alert the verifier continues from the event the evidence says
 * is genuine, and it never blames the same event twice, so one tampering yields one alert.
 * Limits, inherent to a hash chain: deleting the last events of a partition is invisible until
 * something links past them; a rewrite (with recomputed hash) of the last-but-one event is
 * blamed on the last, since only a successor could tell which of the two was forged; and an
 * event moved by more than one position is reported as `missing` where it should have been
 * and `reordered` where it turns up. A record held back is judged by the next `accept`, or by
 * `flush()` at the end of input (a live auditor calls it when caught up).
 */
import { genesisHash, hashOfValidEvent, type ChainTip } from './audit-chain';
import type { AuditEvent } from './audit-event';
import { parseAuditEvent, validateAuditEvent } from './parse';
import type { ParseLimits } from './validation/limits';

/** The kinds of tampering the verifier tells apart. */
export type ChainAlertKind = 'changed' | 'missing' | 'reordered' | 'inserted' | 'unparseable';

/** One detected break of a chain; it names seqs and offsets only, never event content. */
export interface ChainAlert {
  partition: number;
  /** The seq concerned: the event's, the first missing one, or the expected one (unparseable). */
  seq: number;
  /** Offset of the record concerned; null only for a resumed tip whose offset was not given. */
  offset: string | null;
  kind: ChainAlertKind;
  /** A short human explanation, built from seqs only. */
  detail: string;
}

/** The outcome of one `accept`: the parsed event (null if unparseable) and any alerts. */
export interface ChainCheck {
  /** No alert was raised by this record (a held record may still be judged later). */
  ok: boolean;
  /** This record is held back until the next record (or `flush`) shows where it belongs. */
  held: boolean;
  event: AuditEvent | null;
  /** Alerts raised by this record; they may concern an earlier, held-back record. */
  alerts: ChainAlert[];
}

/** Where to resume and how much to remember. */
export interface ChainVerifierOptions {
  /** The last verified event when resuming from a checkpoint; absent: start at genesis. */
  tip?: (ChainTip & { offset?: string }) | null;
  /** How many recent events to remember for classifying late arrivals. Default 10 000. */
  memory?: number;
  /** Limits for parsing raw records. */
  limits?: ParseLimits;
}

interface Link {
  seq: number;
  hash: string;
  prevHash: string;
  offset: string | null;
  /** Already the subject of an alert, or of unknown content: never blamed again. */
  tainted: boolean;
}

interface Pending {
  link: Link;
  kind: 'gap' | 'break' | 'fork';
  /** The chain went on without it: it is early, or not part of the chain at all. */
  carried: boolean;
}

interface Resolution {
  alerts: ChainAlert[];
  consumed: boolean;
}

const linksTo = (next: Link, prev: Link): boolean =>
  next.seq === prev.seq + 1 && next.prevHash === prev.hash;

/** Verifies one partition's chain, record by record, in offset order. */
export class ChainVerifier {
  private tip: Link;
  private pending: Pending | null = null;
  private unreadable = 0;
  private readonly known = new Map<number, { hash: string; prevHash: string }>();
  private readonly memory: number;

  constructor(
    readonly partition: number,
    private readonly options: ChainVerifierOptions = {},
  ) {
    const genesis = genesisHash(partition);
    this.memory = options.memory ?? 10_000;
    this.known.set(-1, { hash: genesis, prevHash: '' });
    const resume = options.tip;
    this.tip = resume
      ? {
          seq: resume.seq,
          hash: resume.hash,
          prevHash: '',
          offset: resume.offset ?? null,
          tainted: false,
        }
      : { seq: -1, hash: genesis, prevHash: '', offset: null, tainted: true };
  }

  /**
   * Whether a record is held back awaiting the next one. When it is not, the verifier's state
   * is just its tip: resuming a new verifier from `currentTip()` and the next offset is exact.
   */
  isHolding(): boolean {
    return this.pending !== null;
  }

  /** The last event accepted into the chain, or null before the first. */
  currentTip(): ChainTip | null {
    return this.tip.seq < 0 ? null : { seq: this.tip.seq, hash: this.tip.hash };
  }

  /**
   * Checks the next record read at `offset`: its raw value (a null value, i.e. a tombstone, is
   * unparseable) or an already-parsed event.
   */
  accept(input: Buffer | string | AuditEvent | null, offset: string | number | bigint): ChainCheck {
    const at = String(offset);
    const parsed =
      typeof input === 'string' || Buffer.isBuffer(input)
        ? parseAuditEvent(input, this.options.limits)
        : validateAuditEvent(input, this.options.limits);
    if (!parsed.ok) {
      this.unreadable++;
      const alert = this.alert(
        'unparseable',
        this.tip.seq + 1,
        at,
        `not an AuditEvent (${parsed.code})`,
      );
      return { ok: false, held: false, event: null, alerts: [alert] };
    }
    const event = parsed.value;
    if (event.partition !== this.partition) {
      const detail = `belongs to partition ${event.partition}`;
      const alerts = [this.alert('inserted', event.seq, at, detail)];
      return { ok: false, held: false, event, alerts };
    }
    // Parsed against the contract above, so the by-construction canonical form applies.
    const changed = hashOfValidEvent(event) !== event.hash;
    const link: Link = {
      seq: event.seq,
      hash: event.hash,
      prevHash: event.prevHash,
      offset: at,
      tainted: changed,
    };
    const alerts = changed
      ? [this.alert('changed', event.seq, at, 'hash does not match content')]
      : [];
    alerts.push(...this.place(link));
    const held = this.pending !== null && this.pending.link === link;
    return { ok: alerts.length === 0, held, event, alerts };
  }

  /** Gives a verdict on a held-back record (call at the end of input, or when caught up). */
  flush(): ChainAlert[] {
    const pending = this.pending;
    if (pending === null) return [];
    this.pending = null;
    return this.settle(pending);
  }

  private place(link: Link): ChainAlert[] {
    const alerts: ChainAlert[] = [];
    if (this.pending !== null) {
      const resolution = this.resolve(this.pending, link);
      alerts.push(...resolution.alerts);
      if (resolution.consumed) return this.resynced(alerts);
    }
    const expected = this.tip.seq + 1;
    if (link.tainted) {
      // A changed event: trust its place (its seq may be the changed field) and its claimed hash.
      this.adopt({ ...link, seq: link.prevHash === this.tip.hash ? expected : link.seq });
      return this.resynced(alerts);
    }
    const afterGarbage =
      this.unreadable > 0 && link.seq >= expected && link.seq <= expected + this.unreadable;
    const afterBlamed = this.tip.tainted && this.tip.seq >= 0 && link.seq === expected;
    if (afterGarbage || afterBlamed) {
      // The previous record was garbage or already alerted on, so this link cannot be checked
      // against it: resume from here rather than raise a second alert for one tampering.
      this.adopt(link);
      return this.resynced(alerts);
    }
    this.unreadable = 0;
    return [...alerts, ...this.classify(link)];
  }

  private resynced(alerts: ChainAlert[]): ChainAlert[] {
    this.unreadable = 0;
    return alerts;
  }

  private classify(link: Link): ChainAlert[] {
    const tip = this.tip;
    if (link.seq === tip.seq + 1 && link.prevHash === tip.hash) {
      this.adopt(link);
      return [];
    }
    if (link.seq >= tip.seq + 1) {
      this.pending = { link, kind: link.seq === tip.seq + 1 ? 'break' : 'gap', carried: false };
      return [];
    }
    if (link.seq === tip.seq && link.prevHash === tip.prevHash && link.hash !== tip.hash) {
      this.pending = { link, kind: 'fork', carried: false };
      return [];
    }
    const seen = this.known.get(link.seq);
    if (seen ? seen.hash === link.hash : this.anchored(link)) {
      return [this.alert('reordered', link.seq, link.offset, `arrived after seq ${tip.seq}`)];
    }
    return [this.alert('inserted', link.seq, link.offset, 'not part of the chain')];
  }

  /** A late event whose neighbours in the chain are known and agree with it. */
  private anchored(link: Link): boolean {
    return (
      this.known.get(link.seq - 1)?.hash === link.prevHash ||
      this.known.get(link.seq + 1)?.prevHash === link.hash
    );
  }

  private resolve(pending: Pending, next: Link): Resolution {
    this.pending = null;
    const { link: held, kind } = pending;
    const tip = this.tip;
    if (linksTo(next, held)) {
      // The chain goes on from the held event: it is genuine.
      // A gap is a hole; a break or fork means the tip was the forgery (at genesis: the held).
      const alert =
        kind === 'gap' ? this.missing(held) : this.blame(tip.seq >= 0 ? tip : held, kind);
      this.adopt(held);
      this.adopt(next);
      return { alerts: [alert].filter(isAlert), consumed: true };
    }
    if (linksTo(next, tip)) {
      // The chain goes on from the tip: the held event is early, or foreign.
      this.adopt(next);
      if (kind === 'gap' && linksTo(held, next)) {
        this.adopt(held);
        const detail = `arrived after seq ${held.seq}`;
        return { alerts: [this.alert('reordered', next.seq, next.offset, detail)], consumed: true };
      }
      if (kind === 'gap' && held.seq > next.seq + 1) {
        this.pending = { link: held, kind, carried: true };
        return { alerts: [], consumed: true };
      }
      return { alerts: [this.blame(held, kind)].filter(isAlert), consumed: true };
    }
    return { alerts: this.settle(pending), consumed: false };
  }

  /**
   * The verdict without decisive evidence (the next record fits neither line, or input ended);
   * the next record is then placed on its own. A held gap is a hole; anything else held is not
   * part of the chain.
   */
  private settle(pending: Pending): ChainAlert[] {
    const { link: held, kind, carried } = pending;
    if (kind === 'gap' && !carried) {
      const alert = this.missing(held);
      this.adopt(held);
      return [alert];
    }
    const alert = this.blame(held, kind);
    // After a break, continue from the held event: a forged replacement breaks both of its
    // links, and its successor (seq + 1, now after a blamed tip) is then taken as is.
    if (kind === 'break') this.adopt(held);
    return [alert].filter(isAlert);
  }

  private missing(held: Link): ChainAlert {
    const first = this.tip.seq + 1;
    const range = held.seq - 1 > first ? `seq ${first}..${held.seq - 1}` : `seq ${first}`;
    return this.alert('missing', first, held.offset, `${range} missing before this record`);
  }

  private blame(link: Link, kind: Pending['kind']): ChainAlert | null {
    if (link.tainted) return null;
    link.tainted = true;
    const detail = kind === 'fork' ? 'forks the chain' : 'not part of the chain';
    return this.alert('inserted', link.seq, link.offset, detail);
  }

  private adopt(link: Link): void {
    this.tip = link;
    this.known.set(link.seq, { hash: link.hash, prevHash: link.prevHash });
    if (this.known.size > this.memory) this.known.delete(this.known.keys().next().value!);
  }

  private alert(
    kind: ChainAlertKind,
    seq: number,
    offset: string | null,
    detail: string,
  ): ChainAlert {
    return { partition: this.partition, seq, offset, kind, detail };
  }
}

function isAlert(alert: ChainAlert | null): alert is ChainAlert {
  return alert !== null;
}
