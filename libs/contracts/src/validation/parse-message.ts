/** The two generic entry points every message type shares: from bytes, and from an object. */
import { checkJsonObject, parseJsonObject } from './json-input';
import { capErrors, type ParseLimits, resolveLimits } from './limits';
import { type ParseResult, parseFailure } from './parse-result';
import type { DtoClass } from './instantiate';
import { schemaErrors } from './schema-validator';

/**
 * Validates an already-parsed value against `dto` after the structural checks. On success
 * the value returned is the input object itself (plain JSON, not a DTO instance).
 */
export function validateMessage<T>(
  dto: DtoClass<object>,
  value: unknown,
  limits?: ParseLimits,
): ParseResult<T> {
  const json = checkJsonObject(value, limits);
  if (!json.ok) return json;
  const errors = schemaErrors(dto, json.value);
  if (errors.length > 0) {
    return parseFailure('INVALID_MESSAGE', capErrors(errors, resolveLimits(limits).maxErrors));
  }
  return { ok: true, value: json.value as T };
}

/** Parses UTF-8 JSON bytes (or a string) and validates the result against `dto`. */
export function parseMessage<T>(
  dto: DtoClass<object>,
  input: Buffer | string,
  limits?: ParseLimits,
): ParseResult<T> {
  const json = parseJsonObject(input, limits);
  if (!json.ok) return json;
  return validateMessage<T>(dto, json.value, limits);
}
