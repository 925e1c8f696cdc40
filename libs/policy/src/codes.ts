import { CHECK_REASON_CODES, FIELD_REASON_CODES, type ReasonCode } from '@app/contracts/vocabulary';

/** Request-level checks of DESIGN §5, in evaluation order (checks 1–14). */
export const CHECK_CODES = CHECK_REASON_CODES;
/** The code of a request-level check. */
export type CheckCode = (typeof CHECK_CODES)[number];

/** Per-field minimisation rules of DESIGN §5, in evaluation order (first failure wins). */
export const FIELD_CODES = FIELD_REASON_CODES;
/** The code of a field rule. */
export type FieldCode = (typeof FIELD_CODES)[number];

/** Checks a recipient kind may be exempt from (the authority exemptions of DESIGN §5). */
export const EXEMPTIBLE_CODES = [
  'SUBJECT_ERASED',
  'SUBJECT_UNDER_13',
  'PURPOSE_NOT_CONTRACTED',
  'CONSENT_REQUIRED',
  'NO_TRANSFER_MECHANISM',
] as const satisfies readonly ReasonCode[];
/** A check a recipient kind may be exempt from. */
export type ExemptibleCode = (typeof EXEMPTIBLE_CODES)[number];

/** Certification frameworks that can carry a transfer to the certification country. */
export const FRAMEWORK_TYPES = ['safe_harbor', 'privacy_shield', 'dpf'] as const;
/** A certification framework. */
export type FrameworkType = (typeof FRAMEWORK_TYPES)[number];

/**
 * Adequacy scopes and the recipient sector each one requires: an adequacy decision scoped to
 * the private sector (Canada's PIPEDA, Japan's APPI) covers only private recipients.
 */
export const ADEQUACY_SCOPES = { private_sector: 'private', public_sector: 'public' } as const;
/** An adequacy scope. */
export type AdequacyScope = keyof typeof ADEQUACY_SCOPES;
