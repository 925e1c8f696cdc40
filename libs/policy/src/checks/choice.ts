import { hasLiveConsent } from '../consent';
import type { CheckContext, RequestCheck } from './check';

/**
 * Check 10: where the row honours opt-out, the subject has not opted out of this purpose, nor
 * of this partner for this purpose (DESIGN §7 `partnerOptOuts`: "receive material from us or
 * some of our partners"; a partner opt-out without purposes covers every honoured purpose).
 */
export const notOptedOut: RequestCheck = {
  code: 'SUBJECT_OPTED_OUT',
  passes: (ctx) =>
    ctx.row === undefined ||
    !ctx.row.optOut ||
    !((ctx.subject.optOuts ?? []).includes(ctx.request.purpose) || partnerOptedOut(ctx)),
};

/** A partner opt-out names this recipient (or "*") and this purpose (or no purposes). */
function partnerOptedOut({ subject, recipient, request }: CheckContext): boolean {
  return (subject.partnerOptOuts ?? []).some(
    (p) =>
      (p.recipientId === recipient.recipientId || p.recipientId === '*') &&
      (p.purposes === undefined || p.purposes === null || p.purposes.includes(request.purpose)),
  );
}

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
