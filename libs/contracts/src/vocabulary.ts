/** The closed vocabularies of the wire contract (DESIGN §3). One list each, used by types and validators. */

/** Every kind of recipient the policy knows. */
export const RECIPIENT_KINDS = [
  'instructor',
  'institution',
  'university_partner',
  'business_partner',
  'contractor',
  'authority',
  'acquirer',
  'third_party_site',
  'legal_counsel',
] as const;
/** A kind of recipient. */
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/**
 * Whether a recipient is a private organisation or a public body (DESIGN §7). Some adequacy
 * decisions cover only one sector (Canada's PIPEDA, Japan's APPI: private sector only).
 */
export const RECIPIENT_SECTORS = ['private', 'public'] as const;
/** A recipient's sector; absent means `private`. */
export type RecipientSector = (typeof RECIPIENT_SECTORS)[number];

/**
 * The data-protection regimes whose residents' data needs an onward-transfer basis (DESIGN §7):
 * `eu` (EEA states), `ch` (Switzerland), `uk` (United Kingdom). A certification names the
 * regimes it was made under in `covers` (EU-US, Swiss-US, UK Extension).
 */
export const TRANSFER_REGIMES = ['eu', 'ch', 'uk'] as const;
/** A transfer regime. */
export type TransferRegime = (typeof TRANSFER_REGIMES)[number];

/** Whether a recipient may currently receive shares. */
export const RECIPIENT_STATUSES = ['active', 'suspended'] as const;
/** A recipient's status. */
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** Kinds of transfer mechanism a recipient can hold. */
export const TRANSFER_MECHANISM_TYPES = [
  'contract',
  'safe_harbor',
  'privacy_shield',
  'dpf',
] as const;
/** A transfer mechanism's type. */
export type TransferMechanismType = (typeof TRANSFER_MECHANISM_TYPES)[number];

/** The bases an audit event can record for an onward transfer. */
export const TRANSFER_BASES = [
  'adequacy',
  'safe_harbor',
  'privacy_shield',
  'dpf',
  'contract',
  'not_required',
] as const;
/** A recorded transfer basis. */
export type TransferBasis = (typeof TRANSFER_BASES)[number];

/** Audit event types. */
export const AUDIT_EVENT_TYPES = [
  'share.allowed',
  'share.denied',
  'request.rejected',
  'notice.sent',
] as const;
/** An audit event type. */
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Outcomes recorded in an audit event. */
export const AUDIT_DECISIONS = ['allow', 'deny', 'reject', 'notice'] as const;
/** An audit outcome. */
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

/** Request-level checks of DESIGN §5, in evaluation order (checks 1–14). */
export const CHECK_REASON_CODES = [
  'UNKNOWN_RECIPIENT',
  'UNKNOWN_SUBJECT',
  'RECIPIENT_SUSPENDED',
  'SUBJECT_ERASED',
  'SUBJECT_UNDER_13',
  'PURPOSE_NOT_PERMITTED',
  'PURPOSE_NOT_CONTRACTED',
  'COURSE_NOT_TAUGHT',
  'LEGAL_BASIS_REQUIRED',
  'SUBJECT_OPTED_OUT',
  'CONSENT_REQUIRED',
  'CONTRACT_REQUIRED',
  'NO_TRANSFER_MECHANISM',
  'NOTHING_TO_SHARE',
] as const;

/** Per-field minimisation rules of DESIGN §5, in evaluation order (first failure wins). */
export const FIELD_REASON_CODES = [
  'UNCLASSIFIED_FIELD',
  'NEVER_SHARED',
  'CATEGORY_NOT_PERMITTED',
  'FIELD_NOT_CONTRACTED',
  'CONSENT_REQUIRED',
] as const;

/** Why a record could not be decided at all (`request.rejected`). */
export const REJECTION_REASON_CODES = [
  'INVALID_JSON',
  'INVALID_MESSAGE',
  'KEY_MISMATCH',
  'MESSAGE_TOO_LARGE',
] as const;

/** Every reason code: the checks, the field rules (CONSENT_REQUIRED is both) and rejections. */
export const REASON_CODES: readonly (
  | (typeof CHECK_REASON_CODES)[number]
  | (typeof FIELD_REASON_CODES)[number]
  | (typeof REJECTION_REASON_CODES)[number]
)[] = Object.freeze([
  ...new Set([...CHECK_REASON_CODES, ...FIELD_REASON_CODES, ...REJECTION_REASON_CODES]),
]);
/** A reason code. */
export type ReasonCode = (typeof REASON_CODES)[number];

/** The one decision each audit event type records (`share.allowed` is always `allow`, …). */
export const DECISION_OF_EVENT_TYPE: Readonly<Record<AuditEventType, AuditDecision>> =
  Object.freeze({
    'share.allowed': 'allow',
    'share.denied': 'deny',
    'request.rejected': 'reject',
    'notice.sent': 'notice',
  });
