/**
 * One parse function (bytes → message) and one validate function (object → message) per
 * message type. They never throw on bad input and never return a half-valid object; see
 * `ParseResult` for the error format. Each is a validator compiled once (messages/).
 */
import type { AuditEvent } from './audit-event';
import {
  AUDIT_EVENT,
  RECIPIENT,
  SHARE,
  SHARE_REQUEST,
  SUBJECT_PROFILE,
} from './messages/wire-messages';
import type { Recipient } from './recipient';
import type { Share } from './share';
import type { ShareRequest } from './share-request';
import type { SubjectProfile } from './subject';
import type { ParseLimits } from './validation/limits';
import type { ParseResult } from './validation/parse-result';

/** Parses a record value of `privacy.share-requests`. */
export function parseShareRequest(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<ShareRequest> {
  return SHARE_REQUEST.parse(input, limits);
}

/** Validates an already-parsed ShareRequest (e.g. from a CLI's JSON line). */
export function validateShareRequest(
  value: unknown,
  limits?: ParseLimits,
): ParseResult<ShareRequest> {
  return SHARE_REQUEST.validate(value, limits);
}

/** Parses a (non-tombstone) record value of `privacy.recipients`. */
export function parseRecipient(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<Recipient> {
  return RECIPIENT.parse(input, limits);
}

/** Validates an already-parsed Recipient. */
export function validateRecipient(value: unknown, limits?: ParseLimits): ParseResult<Recipient> {
  return RECIPIENT.validate(value, limits);
}

/** Parses a (non-tombstone) record value of `privacy.subjects`. */
export function parseSubjectProfile(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<SubjectProfile> {
  return SUBJECT_PROFILE.parse(input, limits);
}

/** Validates an already-parsed SubjectProfile. */
export function validateSubjectProfile(
  value: unknown,
  limits?: ParseLimits,
): ParseResult<SubjectProfile> {
  return SUBJECT_PROFILE.validate(value, limits);
}

/** Parses a record value of `privacy.shares.<recipientId>`. */
export function parseShare(input: Buffer | string, limits?: ParseLimits): ParseResult<Share> {
  return SHARE.parse(input, limits);
}

/** Validates an already-parsed Share. */
export function validateShare(value: unknown, limits?: ParseLimits): ParseResult<Share> {
  return SHARE.validate(value, limits);
}

/** Parses a record value of `privacy.audit`. Chain linkage is checked by `ChainVerifier`. */
export function parseAuditEvent(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<AuditEvent> {
  return AUDIT_EVENT.parse(input, limits);
}

/** Validates an already-parsed AuditEvent. */
export function validateAuditEvent(value: unknown, limits?: ParseLimits): ParseResult<AuditEvent> {
  return AUDIT_EVENT.validate(value, limits);
}
