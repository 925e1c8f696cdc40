/**
 * One parse function (bytes → message) and one validate function (object → message) per
 * message type. They never throw on bad input and never return a half-valid object; see
 * `ParseResult` for the error format.
 */
import type { AuditEvent } from './audit-event';
import { AuditEventDto } from './dto/audit-event.dto';
import { RecipientDto } from './dto/recipient.dto';
import { ShareRequestDto } from './dto/share-request.dto';
import { ShareDto } from './dto/share.dto';
import { SubjectProfileDto } from './dto/subject.dto';
import type { Recipient } from './recipient';
import type { Share } from './share';
import type { ShareRequest } from './share-request';
import type { SubjectProfile } from './subject';
import type { ParseLimits } from './validation/limits';
import { parseMessage, validateMessage } from './validation/parse-message';
import type { ParseResult } from './validation/parse-result';

/** Parses a record value of `privacy.share-requests`. */
export function parseShareRequest(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<ShareRequest> {
  return parseMessage(ShareRequestDto, input, limits);
}

/** Validates an already-parsed ShareRequest (e.g. from a CLI's JSON line). */
export function validateShareRequest(
  value: unknown,
  limits?: ParseLimits,
): ParseResult<ShareRequest> {
  return validateMessage(ShareRequestDto, value, limits);
}

/** Parses a (non-tombstone) record value of `privacy.recipients`. */
export function parseRecipient(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<Recipient> {
  return parseMessage(RecipientDto, input, limits);
}

/** Validates an already-parsed Recipient. */
export function validateRecipient(value: unknown, limits?: ParseLimits): ParseResult<Recipient> {
  return validateMessage(RecipientDto, value, limits);
}

/** Parses a (non-tombstone) record value of `privacy.subjects`. */
export function parseSubjectProfile(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<SubjectProfile> {
  return parseMessage(SubjectProfileDto, input, limits);
}

/** Validates an already-parsed SubjectProfile. */
export function validateSubjectProfile(
  value: unknown,
  limits?: ParseLimits,
): ParseResult<SubjectProfile> {
  return validateMessage(SubjectProfileDto, value, limits);
}

/** Parses a record value of `privacy.shares.<recipientId>`. */
export function parseShare(input: Buffer | string, limits?: ParseLimits): ParseResult<Share> {
  return parseMessage(ShareDto, input, limits);
}

/** Validates an already-parsed Share. */
export function validateShare(value: unknown, limits?: ParseLimits): ParseResult<Share> {
  return validateMessage(ShareDto, value, limits);
}

/** Parses a record value of `privacy.audit`. Chain linkage is checked by `ChainVerifier`. */
export function parseAuditEvent(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<AuditEvent> {
  return parseMessage(AuditEventDto, input, limits);
}

/** Validates an already-parsed AuditEvent. */
export function validateAuditEvent(value: unknown, limits?: ParseLimits): ParseResult<AuditEvent> {
  return validateMessage(AuditEventDto, value, limits);
}
