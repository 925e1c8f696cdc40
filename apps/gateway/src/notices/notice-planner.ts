import {
  noticeIdFor,
  NOTICE_LIST_MAX,
  type NoticeCause,
  type NoticeKind,
  type SubjectChangeRef,
  type SubjectNotice,
  type SubjectProfile,
} from '@app/contracts';
import type { CompiledPolicy } from '@app/policy';
import type { PastShare } from './past-share';
import { effectsOf, type ChangeEffects } from './subject-change';

/** One subject change as read from `<prefix>subjects`, with the profile it replaces. */
export interface SubjectChange {
  ref: SubjectChangeRef;
  subjectId: string;
  /** The subject's profile before this record (null: unknown). */
  previous: SubjectProfile | null;
  /** The profile this record sets (null: a tombstone or a refused record). */
  next: SubjectProfile | null;
}

/** What one past share must be told, if anything. */
interface Effect {
  kind: NoticeKind;
  cause: NoticeCause;
  categories: string[];
}

/** Stronger kinds win when one change affects a recipient in several ways. */
const KIND_RANK: Record<NoticeKind, number> = { erase: 3, stop_purpose: 2, consent_withdrawn: 1 };

/**
 * The notices one subject change sends, at most one per (recipient, subjectRef), from the
 * subject's past shares. Pure: the clock is `now`. Notices are sorted by recipient and ref.
 *
 * - erased → `erase` / `subject.erased`; newly under 13 without live verified parental
 *   consent → `erase` / `subject.under_13`; both to every past recipient, except for purposes
 *   only kinds exempt from that check may receive (authorities: legal process, protection).
 * - a new honoured opt-out → `stop_purpose` / `subject.opted_out` to recipients of that purpose;
 *   a new partner opt-out → `stop_purpose` / `subject.partner_opted_out` to that partner.
 * - a live consent withdrawn or removed → `consent_withdrawn` to the recipients it covered that
 *   received a category it named, for that purpose and those categories.
 */
export function planNotices(
  change: SubjectChange,
  pastShares: readonly PastShare[],
  policy: CompiledPolicy,
  now: Date,
): SubjectNotice[] {
  const effects = effectsOf(change.previous, change.next, policy, now);
  const groups = new Map<string, { share: PastShare; effect: Effect }[]>();
  for (const share of pastShares) {
    const effect = effectOn(share, effects, policy);
    if (!effect) continue;
    const key = `${share.recipientId}\u0000${share.subjectRef}`;
    groups.set(key, [...(groups.get(key) ?? []), { share, effect }]);
  }
  return [...groups.keys()]
    .sort()
    .map((key) => noticeOf(change, groups.get(key) ?? [], policy, now));
}

function effectOn(share: PastShare, effects: ChangeEffects, policy: CompiledPolicy): Effect | null {
  const all = share.categories;
  if (effects.erased && !onlyExempt(policy, share.purpose, 'SUBJECT_ERASED')) {
    return { kind: 'erase', cause: 'subject.erased', categories: all };
  }
  if (effects.becameChild && !onlyExempt(policy, share.purpose, 'SUBJECT_UNDER_13')) {
    return { kind: 'erase', cause: 'subject.under_13', categories: all };
  }
  if (effects.optedOut.has(share.purpose)) {
    return { kind: 'stop_purpose', cause: 'subject.opted_out', categories: all };
  }
  if (effects.partnerOptedOut(share.recipientId).has(share.purpose)) {
    return { kind: 'stop_purpose', cause: 'subject.partner_opted_out', categories: all };
  }
  const covered = new Set(
    effects.withdrawn
      .filter((c) => c.purpose === share.purpose)
      .filter((c) => c.recipientId === share.recipientId || c.recipientId === '*')
      .flatMap((c) => c.categories ?? []),
  );
  const categories = all.filter((c) => covered.has(c));
  if (categories.length === 0 || onlyExempt(policy, share.purpose, 'CONSENT_REQUIRED')) return null;
  return { kind: 'consent_withdrawn', cause: 'subject.consent_withdrawn', categories };
}

/**
 * True when every recipient kind that may receive `purpose` is exempt from the check `code`
 * (authorities under DESIGN §5): what they hold is held under legal process, which a
 * subject's choice does not reach, so they are not told by default.
 */
function onlyExempt(policy: CompiledPolicy, purpose: string, code: string): boolean {
  const kinds = [...policy.kinds.values()].filter((k) => k.rows.has(purpose));
  return kinds.length > 0 && kinds.every((k) => [...k.exempt].some((c) => c === code));
}

function noticeOf(
  change: SubjectChange,
  affected: { share: PastShare; effect: Effect }[],
  policy: CompiledPolicy,
  now: Date,
): SubjectNotice {
  const strongest = affected.reduce((a, b) =>
    KIND_RANK[b.effect.kind] > KIND_RANK[a.effect.kind] ? b : a,
  ).effect;
  const { recipientId, subjectRef } = affected[0].share;
  const sorted = (xs: string[]) => [...new Set(xs)].sort().slice(0, NOTICE_LIST_MAX);
  return {
    noticeId: noticeIdFor(change.ref, noticeTarget(recipientId, subjectRef, change.subjectId)),
    kind: strongest.kind,
    recipientId,
    subjectRef,
    purposes: sorted(affected.map((a) => a.share.purpose)),
    categories: sorted(affected.flatMap((a) => a.effect.categories)),
    sharedFrom: affected.map((a) => a.share.firstAt).reduce((a, b) => (b < a ? b : a)),
    sharedUntil: affected.map((a) => a.share.lastAt).reduce((a, b) => (b > a ? b : a)),
    cause: strongest.cause,
    noticedAt: now.toISOString(),
    policy: policy.ref,
  };
}

/**
 * What `noticeIdFor` is given besides the change: the recipientId, or `<recipientId>:<ref>`
 * for a pseudonymous ref, so a recipient that received the subject both plainly and under a
 * pseudonym gets two notices (one per ref, never linking the two) with distinct ids.
 */
export function noticeTarget(recipientId: string, subjectRef: string, subjectId: string): string {
  return subjectRef === subjectId ? recipientId : `${recipientId}:${subjectRef}`;
}
