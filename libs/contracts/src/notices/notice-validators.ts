/**
 * Compiled validators for the notice messages, compiled once at load with the contract's one
 * ajv instance (`compileMessage`); each error names a path and a problem, never a value, as
 * every other parse error of the contract does.
 */
import { compileMessage } from '../messages/compile-message';
import type { ParseLimits } from '../validation/limits';
import type { ParseResult } from '../validation/parse-result';
import {
  NoticeAckSchema,
  type NoticeAck,
  SubjectNoticeSchema,
  type SubjectNotice,
} from './notice-schemas';

const SUBJECT_NOTICE = compileMessage(SubjectNoticeSchema);
const NOTICE_ACK = compileMessage(NoticeAckSchema);

/** Validates an already-parsed SubjectNotice. */
export function validateSubjectNotice(
  value: unknown,
  limits?: ParseLimits,
): ParseResult<SubjectNotice> {
  return SUBJECT_NOTICE.validate(value, limits);
}

/** Validates an already-parsed NoticeAck. */
export function validateNoticeAck(value: unknown, limits?: ParseLimits): ParseResult<NoticeAck> {
  return NOTICE_ACK.validate(value, limits);
}

/** Parses a notice record value of `privacy.shares.<recipientId>`. */
export function parseSubjectNotice(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<SubjectNotice> {
  return SUBJECT_NOTICE.parse(input, limits);
}

/** Parses a record value of `privacy.notice-acks.<recipientId>`. */
export function parseNoticeAck(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<NoticeAck> {
  return NOTICE_ACK.parse(input, limits);
}
