import { hasLiveConsent } from '../consent';
import type { RequestCheck } from './check';

/** Check 10: where the row honours opt-out, the subject has not opted out of this purpose. */
export const notOptedOut: RequestCheck = {
  code: 'SUBJECT_OPTED_OUT',
  passes: ({ row, subject, request }) =>
    row === undefined || !row.optOut || !(subject.optOuts ?? []).includes(request.purpose),
};

/**
 * Check 11: a recipient kind that needs consent (third_party_site), or a row where consent
 * replaces opt-out, needs a live consent for this recipient (or "*") and purpose.
 */
export const consentGiven: RequestCheck = {
  code: 'CONSENT_REQUIRED',
  passes: ({ kind, row, subject, recipient, request, at }) =>
    !(kind.consentRequired || row?.consentInstead === true) ||
    hasLiveConsent(subject.consents, recipient.recipientId, request.purpose, at),
};
