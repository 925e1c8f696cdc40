/**
 * @app/contracts: the wire contract of Onward (DESIGN §2–§3). Topic names, message types and
 * their validators, canonical JSON and digests, deterministic ids, and the audit hash chain.
 * Apps and libraries import from here only.
 */
export * from './vocabulary';
export type { LegalBasis, ShareRequest } from './share-request';
export type { Recipient, TransferMechanism } from './recipient';
export type { Consent, ParentalConsent, PartnerOptOut, SubjectProfile } from './subject';
export type { PolicyRef, Share } from './share';
export type { AuditEvent, NoticeRecord, Reason, TransferMechanismRecord } from './audit-event';

export * from './topics';
export * from './groups';
export { decodeRecordKey, type KeyResult, MAX_KEY_BYTES } from './record-key';
export * from './canonical-json';
export { canonicalEventParts, canonicalShare } from './canonical-event';
export * from './ids';
export * from './audit-chain';
export * from './audit-chain.verifier';
export * from './audit-chain.verify';

export * from './parse';
export {
  compileMessage,
  type CompiledMessage,
  type CompileOptions,
  contractAjv,
} from './messages/compile-message';
export type {
  ParseErrorCode,
  ParseFailure,
  ParseResult,
  ParseSuccess,
} from './validation/parse-result';
export { DEFAULT_PARSE_LIMITS, type ParseLimits } from './validation/limits';
export { checkJsonObject, type JsonObject, parseJsonObject } from './validation/json-input';
export { FORBIDDEN_KEYS } from './validation/json-guard';
export {
  isCalendarDate,
  isCountryCode,
  isDerivedId,
  isResidence,
  isSha256Digest,
  isUtcTimestamp,
} from './validation/formats';

export { LegalBasisSchema, ShareRequestSchema } from './messages/share-request.message';
export { RecipientSchema, TransferMechanismSchema } from './messages/recipient.message';
export {
  ConsentSchema,
  ParentalConsentSchema,
  PartnerOptOutSchema,
  SubjectProfileSchema,
} from './messages/subject.message';
export { PolicyRefSchema, ShareSchema } from './messages/share.message';
export {
  AuditEventSchema,
  NoticeRecordSchema,
  ReasonSchema,
  TransferMechanismRecordSchema,
} from './messages/audit-event.message';
export {
  LIMITS_NOTE,
  type PublishedSchema,
  publishedSchemaOf,
  publishedSchemas,
  WIRE_MESSAGES,
  type WireMessage,
} from './messages/published';
export { JSON_SCHEMA_DIALECT, type JsonSchema, jsonSchemaOf } from './messages/json-schema';
export { explain } from './messages/explain';
export {
  isUnclassifiedFieldToken,
  UNCLASSIFIED_FIELD_PREFIX,
  unclassifiedFieldKey,
  unclassifiedFieldToken,
} from './unclassified-field';

export * from './transparency';
export * from './notices';
