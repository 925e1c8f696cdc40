/**
 * @app/contracts: the wire contract of Onward (DESIGN §2–§3). Topic names, message types and
 * their validators, canonical JSON and digests, deterministic ids, and the audit hash chain.
 * Apps and libraries import from here only.
 */
export * from './vocabulary';
export type { LegalBasis, ShareRequest } from './share-request';
export type { Recipient, TransferMechanism } from './recipient';
export type { Consent, SubjectProfile } from './subject';
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

export { LegalBasisDto, ShareRequestDto } from './dto/share-request.dto';
export { RecipientDto, TransferMechanismDto } from './dto/recipient.dto';
export { ConsentDto, SubjectProfileDto } from './dto/subject.dto';
export { PolicyRefDto, ShareDto } from './dto/share.dto';
export {
  AuditEventDto,
  NoticeRecordDto,
  ReasonDto,
  TransferMechanismRecordDto,
} from './dto/audit-event.dto';
export {
  isUnclassifiedFieldToken,
  UNCLASSIFIED_FIELD_PREFIX,
  unclassifiedFieldKey,
  unclassifiedFieldToken,
} from './unclassified-field';

export * from './transparency';
export * from './notices';
