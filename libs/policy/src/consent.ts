import type { Consent } from '@app/contracts/subject';
import { parseInstant } from './time';

/**
 * Whether a consent is live at `at`: given at or before `at`, and not withdrawn (withdrawnAt
 * absent, null, or after `at`). Unreadable times make it not live.
 */
export function isLive(consent: Consent, at: number): boolean {
  if (!(parseInstant(consent.givenAt) <= at)) return false;
  const withdrawn = consent.withdrawnAt;
  return withdrawn === undefined || withdrawn === null || parseInstant(withdrawn) > at;
}

/**
 * Whether `consents` hold a live consent for this recipient (or "*") and purpose, and, when
 * `category` is given, naming that category.
 */
export function hasLiveConsent(
  consents: readonly Consent[] | undefined,
  recipientId: string,
  purpose: string,
  at: number,
  category?: string,
): boolean {
  if (consents === undefined) return false;
  for (const c of consents) {
    if (c.purpose !== purpose) continue;
    if (c.recipientId !== recipientId && c.recipientId !== '*') continue;
    if (category !== undefined && !(c.categories ?? []).includes(category)) continue;
    if (isLive(c, at)) return true;
  }
  return false;
}
