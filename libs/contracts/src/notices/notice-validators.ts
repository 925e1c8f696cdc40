/**
 * Compiled validators for the notice messages. Compiled once at load; each error names a
 * path and a constraint, never a value, as every other parse error of the contract does.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { isUtcTimestamp } from '../validation/formats';
import { parseJsonObject, checkJsonObject } from '../validation/json-input';
import { capErrors, type ParseLimits, resolveLimits } from '../validation/limits';
import { type ParseResult, parseFailure } from '../validation/parse-result';
import { formatPath, type PathSegment } from '../validation/property-path';
import {
  NoticeAckSchema,
  type NoticeAck,
  SubjectNoticeSchema,
  type SubjectNotice,
} from './notice-schemas';

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('utc-timestamp', { type: 'string', validate: (v: string) => isUtcTimestamp(v) });

function pathOf(error: ErrorObject): PathSegment[] {
  const segments: PathSegment[] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
  const extra = error.params as { additionalProperty?: string; missingProperty?: string };
  const named = extra.additionalProperty ?? extra.missingProperty;
  return named === undefined ? segments : [...segments, named];
}

function problemOf(error: ErrorObject): string {
  // ajv's messages name constraints (`must be equal to one of the allowed values`), never data.
  if (error.keyword === 'additionalProperties') return 'is not part of the contract';
  if (error.keyword === 'required') return 'is required';
  return error.message ?? error.keyword;
}

function compile<T>(schema: TSchema) {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value: unknown, limits?: ParseLimits): ParseResult<T> => {
    const json = checkJsonObject(value, limits);
    if (!json.ok) return json;
    if (validate(json.value)) return { ok: true, value: json.value as T };
    const errors = (validate.errors ?? []).map((e) => `${formatPath(pathOf(e))}: ${problemOf(e)}`);
    return parseFailure('INVALID_MESSAGE', capErrors(errors, resolveLimits(limits).maxErrors));
  };
}

/** Validates an already-parsed SubjectNotice. */
export const validateSubjectNotice = compile<SubjectNotice>(SubjectNoticeSchema);
/** Validates an already-parsed NoticeAck. */
export const validateNoticeAck = compile<NoticeAck>(NoticeAckSchema);

/** Parses a notice record value of `privacy.shares.<recipientId>`. */
export function parseSubjectNotice(input: Buffer | string, limits?: ParseLimits) {
  const json = parseJsonObject(input, limits);
  return json.ok ? validateSubjectNotice(json.value, limits) : json;
}

/** Parses a record value of `privacy.notice-acks.<recipientId>`. */
export function parseNoticeAck(input: Buffer | string, limits?: ParseLimits) {
  const json = parseJsonObject(input, limits);
  return json.ok ? validateNoticeAck(json.value, limits) : json;
}
