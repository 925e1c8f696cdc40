/**
 * From Kafka bytes to a plain JSON object, enforcing the safety limits: size before parsing,
 * strict UTF-8, JSON syntax, no duplicate keys, an object at the root, then the structural checks. Schema
 * validation comes after, in `messages/compile-message.ts`.
 */
import { isUtf8 } from 'node:buffer';
import { duplicateKeyErrors } from './duplicate-keys';
import { checkJsonStructure } from './json-guard';
import { capErrors, type ParseLimits, resolveLimits } from './limits';
import { type ParseResult, parseFailure } from './parse-result';
import { ROOT_PATH } from './property-path';

/** A JSON object as parsed: own string keys, JSON values. */
export type JsonObject = Record<string, unknown>;

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Checks an already-parsed value (e.g. one line of a CLI's JSON input): it must be a plain
 * object and pass the structural checks of `checkJsonStructure` within `limits.maxDepth`.
 * The byte limit does not apply: the caller already holds the object in memory.
 */
export function checkJsonObject(value: unknown, limits?: ParseLimits): ParseResult<JsonObject> {
  const { maxDepth, maxErrors } = resolveLimits(limits);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return parseFailure('INVALID_MESSAGE', [`${ROOT_PATH}: must be a JSON object`]);
  }
  const errors = checkJsonStructure(value, maxDepth);
  if (errors.length > 0) return parseFailure('INVALID_MESSAGE', capErrors(errors, maxErrors));
  return { ok: true, value: value as JsonObject };
}

function decodeText(input: Buffer | string, maxBytes: number): ParseResult<string> {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (bytes > maxBytes) {
    return parseFailure('MESSAGE_TOO_LARGE', [`${ROOT_PATH}: larger than ${maxBytes} bytes`]);
  }
  if (typeof input === 'string') {
    // A JS string with a lone surrogate is what invalid UTF-8 becomes once decoded leniently.
    if (LONE_SURROGATE.test(input)) {
      return parseFailure('INVALID_JSON', [`${ROOT_PATH}: not valid Unicode text`]);
    }
    return { ok: true, value: input };
  }
  // Buffer#toString would replace bad sequences with U+FFFD and hide the corruption.
  if (!isUtf8(input)) return parseFailure('INVALID_JSON', [`${ROOT_PATH}: not valid UTF-8`]);
  return { ok: true, value: input.toString('utf8') };
}

/**
 * Parses UTF-8 JSON bytes (or a string) into a plain object under the safety limits; an object
 * with two equal keys anywhere is refused (`INVALID_MESSAGE`, "duplicate key"). Never
 * throws on bad input. Error lines never quote the input: `JSON.parse` messages echo the
 * source text, so only "not valid JSON" is reported.
 */
export function parseJsonObject(
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<JsonObject> {
  const { maxBytes, maxErrors } = resolveLimits(limits);
  const text = decodeText(input, maxBytes);
  if (!text.ok) return text;
  let value: unknown;
  try {
    value = JSON.parse(text.value);
  } catch {
    // JSON.parse only fails on the text it was given, so any failure is bad input.
    return parseFailure('INVALID_JSON', [`${ROOT_PATH}: not valid JSON`]);
  }
  const duplicates = duplicateKeyErrors(text.value, maxErrors);
  if (duplicates.length > 0) return parseFailure('INVALID_MESSAGE', duplicates);
  return checkJsonObject(value, limits);
}
