/**
 * Compiles a message schema (a TypeBox schema, or any JSON Schema it wraps) into the
 * contract's parse and validate functions: the structural safety checks first (size, UTF-8,
 * duplicate keys, `__proto__`, depth), then one ajv validator compiled once, here, at module
 * load, never per record. Failures are `ParseResult` failures whose lines are
 * `"<path>: <problem>"` and never quote a value.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { checkJsonObject, type JsonObject, parseJsonObject } from '../validation/json-input';
import { capErrors, type ParseLimits, resolveLimits } from '../validation/limits';
import { type ParseResult, parseFailure } from '../validation/parse-result';
import { pathError, type PathSegment } from '../validation/property-path';

/** A compiled message: bytes → message and object → message, as `parse.ts` exposes them. */
export interface CompiledMessage<T> {
  parse(input: Buffer | string, limits?: ParseLimits): ParseResult<T>;
  validate(value: unknown, limits?: ParseLimits): ParseResult<T>;
}

/** Options of {@link compileMessage}. */
export interface CompileOptions {
  /** A rule JSON Schema cannot state (e.g. one timestamp after another): true when it holds. */
  refine?: (value: JsonObject) => boolean;
  /**
   * The error lines of a value the schema or `refine` refused; defaults to lines made from
   * ajv's errors. Returning no line means the value is accepted after all.
   */
  explain?: (value: JsonObject, errors: readonly ErrorObject[]) => string[];
}

/** The one ajv instance of the contracts: draft-07, formats, union types as the schemas use. */
export const contractAjv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: true });
addFormats(contractAjv);

function pathOf(error: ErrorObject): PathSegment[] {
  const path: PathSegment[] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') path.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
  return path;
}

/** A problem named from the keyword and the schema's own bounds only, never from the value. */
function problemOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'unknown property';
    case 'type':
      return `must be ${String(p.type).replace(/,/g, ' or ')}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'minLength':
    case 'maxLength':
      return `must have ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(p.limit)} characters`;
    case 'format':
      return `must be a ${String(p.format)}`;
    default:
      return `must satisfy ${error.keyword}`;
  }
}

/** The default explanation: one line per refused path, in ajv's order, without duplicates. */
export function ajvErrorLines(errors: readonly ErrorObject[]): string[] {
  return [...new Set(errors.map((e) => pathError(pathOf(e), problemOf(e))))];
}

/**
 * Compiles `schema` once. The returned functions never throw on bad input and return either
 * the input object itself (plain JSON) or every violation found, capped at `maxErrors`.
 */
export function compileMessage<S extends TSchema>(
  schema: S,
  options: CompileOptions = {},
): CompiledMessage<Static<S>> {
  const check: ValidateFunction = contractAjv.compile(schema);
  const { refine, explain } = options;
  const decide = (value: JsonObject, limits?: ParseLimits): ParseResult<Static<S>> => {
    if (check(value) && (refine === undefined || refine(value))) {
      return { ok: true, value: value as Static<S> };
    }
    const errors = check.errors ?? [];
    const lines = explain
      ? explain(value, errors)
      : errors.length > 0
        ? ajvErrorLines(errors)
        : [pathError([], 'breaks a rule of the contract')];
    if (lines.length === 0) return { ok: true, value: value as Static<S> };
    return parseFailure('INVALID_MESSAGE', capErrors(lines, resolveLimits(limits).maxErrors));
  };
  return {
    validate(value: unknown, limits?: ParseLimits): ParseResult<Static<S>> {
      const json = checkJsonObject(value, limits);
      return json.ok ? decide(json.value, limits) : json;
    },
    parse(input: Buffer | string, limits?: ParseLimits): ParseResult<Static<S>> {
      const json = parseJsonObject(input, limits);
      return json.ok ? decide(json.value, limits) : json;
    },
  };
}
