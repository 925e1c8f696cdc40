/**
 * The rules of DESIGN §3 that JSON Schema cannot state: one timestamp of an object not before
 * another. Run after the schema accepted the message, so every timestamp is already valid.
 */
import type { JsonObject } from '../validation/json-input';

type Item = Record<string, unknown>;

/** True when `end` is after (`orEqual`: not before) `start`; both valid UTC timestamps. */
export function inOrder(start: unknown, end: unknown, orEqual: boolean): boolean {
  const delta = Date.parse(end as string) - Date.parse(start as string);
  return orEqual ? delta >= 0 : delta > 0;
}

/** True when `end` is absent, null, or after (`orEqual`: not before) `start`. */
function ordered(item: Item, start: string, end: string, orEqual: boolean): boolean {
  const to = item[end];
  return to === undefined || to === null || inOrder(item[start], to, orEqual);
}

/** Every transfer mechanism's `validUntil` is after its `validFrom`. */
export function recipientInOrder(recipient: JsonObject): boolean {
  const mechanisms = recipient.transferMechanisms as Item[];
  return mechanisms.every((m) => ordered(m, 'validFrom', 'validUntil', false));
}

/** Consents and the parental consent are not withdrawn before they were given. */
export function subjectInOrder(subject: JsonObject): boolean {
  const consents = subject.consents as Item[];
  const parental = subject.parentalConsent as Item | null | undefined;
  return (
    consents.every((c) => ordered(c, 'givenAt', 'withdrawnAt', true)) &&
    (parental === undefined ||
      parental === null ||
      ordered(parental, 'verifiedAt', 'withdrawnAt', true))
  );
}
