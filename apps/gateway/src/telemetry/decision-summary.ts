import type { AuditEventBody } from '@app/contracts';
import type { ObservedDecision } from './observed-record';

/**
 * The primary reason of a denial or rejection: the first request-level reason (those carry no
 * field and come first, DESIGN §5), else the first reason. Null for an allowed share, whose
 * reasons only explain withheld fields.
 */
export function primaryReason(audit: AuditEventBody): string | null {
  if (audit.decision === 'allow') return null;
  return (audit.reasons.find((r) => !r.field) ?? audit.reasons[0])?.code ?? null;
}

/** The distinct reason codes of a decision, in order of first appearance. */
export function reasonCodes(audit: AuditEventBody): string[] {
  return [...new Set(audit.reasons.map((r) => r.code))];
}

/** What a committed batch adds to the decision metrics: counts by label, codes only. */
export interface BatchTally {
  /** By outcome and primary reason (`none` for an allowed share). */
  decisions: Map<string, { outcome: string; reason: string; count: number }>;
  /** Fields withheld from allowed shares, by reason code. */
  withheld: Map<string, number>;
  /** Records sent to the DLQ, by rejection code. */
  dlq: Map<string, number>;
}

const bump = (counts: Map<string, number>, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

/** Counts a batch's outcomes, so that a counter is incremented once per label set, not per record. */
export function tallyBatch(processed: readonly ObservedDecision[]): BatchTally {
  const tally: BatchTally = { decisions: new Map(), withheld: new Map(), dlq: new Map() };
  for (const { audit, dlq } of processed) {
    const outcome = audit.decision;
    const reason = primaryReason(audit) ?? 'none';
    const key = `${outcome}\u0000${reason}`;
    const entry = tally.decisions.get(key);
    if (entry) entry.count += 1;
    else tally.decisions.set(key, { outcome, reason, count: 1 });
    if (outcome === 'allow')
      for (const r of audit.reasons) if (r.field) bump(tally.withheld, r.code);
    if (dlq) bump(tally.dlq, dlq.code);
  }
  return tally;
}
