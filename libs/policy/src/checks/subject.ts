import type { ParentalConsent } from '@app/contracts/subject';
import { hasReachedAge } from '../age';
import { parseInstant } from '../time';
import type { CheckContext, RequestCheck } from './check';

/** Check 4: the subject's account is not erased. */
export const subjectNotErased: RequestCheck = {
  code: 'SUBJECT_ERASED',
  passes: ({ subject }) => subject.erased !== true,
};

/**
 * Check 5: the subject has reached the minimum age at `now` (no birthDate = attested at
 * sign-up), or holds a live verified parental consent that lists this purpose and the policy
 * lets a parental consent open this purpose (DESIGN §7; "without verified parental consent",
 * No Information from Children Under 13).
 */
export const subjectOldEnough: RequestCheck = {
  code: 'SUBJECT_UNDER_13',
  passes: (ctx) => {
    const { subject, policy, at } = ctx;
    if (subject.birthDate === undefined || subject.birthDate === null) return true;
    return hasReachedAge(subject.birthDate, policy.minimumAge, at) || parentalConsentOpens(ctx);
  },
};

function parentalConsentOpens({ subject, policy, request, at }: CheckContext): boolean {
  const consent = subject.parentalConsent;
  if (consent === undefined || consent === null || !isLiveParentalConsent(consent, at)) {
    return false;
  }
  const purpose = request.purpose;
  return policy.parentalConsentPurposes.has(purpose) && (consent.purposes ?? []).includes(purpose);
}

/**
 * Whether a parental consent is live at `at`: verified at or before `at`, not withdrawn
 * (withdrawnAt absent, null, or after `at`). Unreadable times make it not live.
 */
export function isLiveParentalConsent(consent: ParentalConsent, at: number): boolean {
  if (!(parseInstant(consent.verifiedAt) <= at)) return false;
  const withdrawn = consent.withdrawnAt;
  return withdrawn === undefined || withdrawn === null || parseInstant(withdrawn) > at;
}
