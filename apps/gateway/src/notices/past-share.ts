import { NOTICE_LIST_MAX, type AuditEvent } from '@app/contracts';

/**
 * What one recipient received of one subject under one subjectRef and purpose: the row of the
 * past-recipient index that notices are planned from. Built from `share.allowed` audit events.
 */
export interface PastShare {
  recipientId: string;
  /** The subject reference the recipient received (a pseudonym for research). */
  subjectRef: string;
  purpose: string;
  /** Categories shared under this purpose, sorted, at most NOTICE_LIST_MAX. */
  categories: string[];
  /** decidedAt of the first and the last share. */
  firstAt: string;
  lastAt: string;
}

/**
 * Most index rows kept per subject (recipient × subjectRef × purpose). Far above any real
 * learner; beyond it the row shared with least recently is evicted (logged and counted), so
 * that one subject's index can never grow without bound.
 */
export const PAST_SHARES_PER_SUBJECT_MAX = 512;

/** The rows after recording one allowed share, and whether a row had to be evicted. */
export interface Recorded {
  rows: PastShare[];
  evicted: PastShare | null;
}

/** Records an allowed share (`event` of type share.allowed, `subjectRef` as delivered). */
export function recordShare(
  rows: readonly PastShare[],
  event: AuditEvent,
  subjectRef: string,
): Recorded {
  const recipientId = event.recipientId ?? '';
  const purpose = event.purpose ?? '';
  const at = event.decidedAt;
  const index = rows.findIndex(
    (r) => r.recipientId === recipientId && r.subjectRef === subjectRef && r.purpose === purpose,
  );
  if (index >= 0) {
    const row = rows[index];
    const merged: PastShare = {
      ...row,
      categories: unionBounded(row.categories, event.categoriesShared),
      firstAt: at < row.firstAt ? at : row.firstAt,
      lastAt: at > row.lastAt ? at : row.lastAt,
    };
    return { rows: rows.map((r, i) => (i === index ? merged : r)), evicted: null };
  }
  const added: PastShare = {
    recipientId,
    subjectRef,
    purpose,
    categories: unionBounded([], event.categoriesShared),
    firstAt: at,
    lastAt: at,
  };
  const next = [...rows, added];
  if (next.length <= PAST_SHARES_PER_SUBJECT_MAX) return { rows: next, evicted: null };
  const oldest = next.reduce((a, b) => (b.lastAt < a.lastAt ? b : a));
  return { rows: next.filter((r) => r !== oldest), evicted: oldest };
}

/** The sorted union of two category lists, cut at NOTICE_LIST_MAX (the notice's own bound). */
export function unionBounded(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort().slice(0, NOTICE_LIST_MAX);
}
