import type { AuditEvent } from '@app/contracts';

/** Counts of one run's audit events: ids and reason codes only, never a data value. */
export interface DemoTally {
  decided: number;
  allowed: number;
  denied: number;
  rejected: number;
  /** Denials by primary reason (the first request-level reason). */
  denials: Map<string, number>;
  /** Rejections by reason code (these records went to the DLQ). */
  rejections: Map<string, number>;
  /** Fields withheld from allowed shares, by reason code. */
  withheld: Map<string, number>;
  /** Allowed shares by the transfer basis recorded for them. */
  transfers: Map<string, number>;
}

/** An empty tally. */
export function newTally(): DemoTally {
  return {
    decided: 0,
    allowed: 0,
    denied: 0,
    rejected: 0,
    denials: new Map(),
    rejections: new Map(),
    withheld: new Map(),
    transfers: new Map(),
  };
}

const bump = (counts: Map<string, number>, key: string) =>
  counts.set(key, (counts.get(key) ?? 0) + 1);

/** Adds one audit event to `tally`. */
export function countEvent(tally: DemoTally, event: AuditEvent): void {
  tally.decided++;
  // Request-level reasons come first and carry no field (DESIGN §5): the first is primary.
  const primary = event.reasons.find((r) => !r.field) ?? event.reasons[0];
  if (event.decision === 'allow') {
    tally.allowed++;
    for (const r of event.reasons) if (r.field) bump(tally.withheld, r.code);
    bump(tally.transfers, event.transferMechanism?.basis ?? 'none');
  } else if (event.decision === 'deny') {
    tally.denied++;
    bump(tally.denials, primary?.code ?? 'UNSPECIFIED');
  } else {
    tally.rejected++;
    bump(tally.rejections, primary?.code ?? 'UNSPECIFIED');
  }
}
