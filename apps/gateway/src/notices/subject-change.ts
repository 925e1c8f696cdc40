import type { Consent, SubjectProfile } from '@app/contracts';
import { hasReachedAge, type CompiledPolicy } from '@app/policy';

/**
 * What a subject change took away, compared with the subject's previous profile. A profile
 * that was unknown (a new subject, or one after a tombstone) counts as an empty one: not
 * erased, no opt-outs, no consents. A tombstone (next = null) takes nothing away: erasure is
 * `erased: true`, and a removed subject can receive nothing more anyway.
 */
export interface ChangeEffects {
  erased: boolean;
  /** Erased, under 13 and no live verified parental consent at `now`, and not so before. */
  becameChild: boolean;
  /** Purposes newly opted out of whose opt-out the policy honours. */
  optedOut: ReadonlySet<string>;
  /** The purposes a new partner opt-out covers for `recipientId` (its own or `"*"`). */
  partnerOptedOut: (recipientId: string) => ReadonlySet<string>;
  /** Consents live before and withdrawn (or removed) now. */
  withdrawn: readonly Consent[];
}

/** Compares two profiles of one subject at `now`. Pure. */
export function effectsOf(
  previous: SubjectProfile | null,
  next: SubjectProfile | null,
  policy: CompiledPolicy,
  now: Date,
): ChangeEffects {
  if (next === null) return NONE;
  const at = now.getTime();
  const honoured = honouredOptOuts(policy);
  const before = new Set(previous?.optOuts ?? []);
  return {
    erased: next.erased === true && previous?.erased !== true,
    becameChild: isChild(next, policy, at) && !(previous !== null && isChild(previous, policy, at)),
    optedOut: new Set(next.optOuts.filter((p) => honoured.has(p) && !before.has(p))),
    partnerOptedOut: newPartnerOptOuts(previous, next, honoured),
    withdrawn: (previous?.consents ?? []).filter(
      (c) => isLive(c.givenAt, c.withdrawnAt, at) && !stillLive(c, next.consents, at),
    ),
  };
}

const NONE: ChangeEffects = {
  erased: false,
  becameChild: false,
  optedOut: new Set(),
  partnerOptedOut: () => new Set(),
  withdrawn: [],
};

/** Purposes with at least one matrix row that honours an opt-out (check 10). */
export function honouredOptOuts(policy: CompiledPolicy): Set<string> {
  const out = new Set<string>();
  for (const kind of policy.kinds.values()) {
    for (const row of kind.rows.values()) if (row.optOut) out.add(row.purpose);
  }
  return out;
}

/** Under the policy's minimum age at `at` with no live verified parental consent (check 5). */
function isChild(profile: SubjectProfile, policy: CompiledPolicy, at: number): boolean {
  if (profile.birthDate === undefined || profile.birthDate === null) return false;
  if (hasReachedAge(profile.birthDate, policy.minimumAge, at)) return false;
  return !liveParental(profile.parentalConsent, at);
}

function liveParental(consent: SubjectProfile['parentalConsent'], at: number): boolean {
  return (
    consent !== undefined && consent !== null && isLive(consent.verifiedAt, consent.withdrawnAt, at)
  );
}

function isLive(from: string, withdrawnAt: string | null | undefined, at: number): boolean {
  if (!(Date.parse(from) <= at)) return false;
  return withdrawnAt === undefined || withdrawnAt === null || Date.parse(withdrawnAt) > at;
}

/** The same consent (recipient, purpose, givenAt) is in `consents` and still live. */
function stillLive(consent: Consent, consents: readonly Consent[], at: number): boolean {
  return consents.some(
    (c) =>
      c.recipientId === consent.recipientId &&
      c.purpose === consent.purpose &&
      c.givenAt === consent.givenAt &&
      isLive(c.givenAt, c.withdrawnAt, at),
  );
}

function partnerCoverage(
  profile: SubjectProfile | null,
  honoured: ReadonlySet<string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const entry of profile?.partnerOptOuts ?? []) {
    const purposes = entry.purposes ?? [...honoured];
    const set = out.get(entry.recipientId) ?? new Set<string>();
    for (const p of purposes) if (honoured.has(p)) set.add(p);
    out.set(entry.recipientId, set);
  }
  return out;
}

function newPartnerOptOuts(
  previous: SubjectProfile | null,
  next: SubjectProfile,
  honoured: ReadonlySet<string>,
): (recipientId: string) => ReadonlySet<string> {
  const before = partnerCoverage(previous, honoured);
  const after = partnerCoverage(next, honoured);
  const covered = (m: Map<string, Set<string>>, r: string) =>
    new Set([...(m.get(r) ?? []), ...(m.get('*') ?? [])]);
  return (recipientId) => {
    const had = covered(before, recipientId);
    return new Set([...covered(after, recipientId)].filter((p) => !had.has(p)));
  };
}
