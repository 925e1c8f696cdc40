/**
 * Compiles a message schema (a TypeBox schema) into the contract's parse and validate
 * functions: the structural safety checks first (size, UTF-8, duplicate keys, `__proto__`,
 * depth), then one ajv validator compiled once, here, at module load, never per record, from
 * the schema's published JSON Schema. A refused message is explained by `explain`, whose lines
 * are `"<path>: <problem>"` and never quote a value.
 */
import { Kind, type Static, type TSchema } from '@sinclair/typebox';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { checkJsonObject, type JsonObject, parseJsonObject } from '../validation/json-input';
import { capErrors, type ParseLimits, resolveLimits } from '../validation/limits';
import { type ParseResult, parseFailure } from '../validation/parse-result';
import { pathError } from '../validation/property-path';
import { ajvErrorLines, contractAjv } from './contract-ajv';
import { explain as explainBySchema } from './explain';
import { jsonSchemaOf } from './json-schema';

export { ajvErrorLines, contractAjv } from './contract-ajv';

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
   * The error lines of a value the schema or `refine` refused; defaults to `explain` over the
   * schema. A refused value stays refused: with no line, ajv's own lines are used.
   */
  explain?: (value: JsonObject, errors: readonly ErrorObject[]) => string[];
}

const BROKEN_RULE = pathError([], 'breaks a rule of the contract');

/**
 * Compiles `schema` once. The returned functions never throw on bad input and return either
 * the input object itself (plain JSON) or every violation found, capped at `maxErrors`.
 */
export function compileMessage<S extends TSchema>(
  schema: S,
  options: CompileOptions = {},
): CompiledMessage<Static<S>> {
  const check: ValidateFunction = contractAjv.compile(jsonSchemaOf(schema));
  const { refine } = options;
  const explain =
    options.explain ??
    (schema[Kind] === 'Object' ? (value: JsonObject) => explainBySchema(schema, value) : undefined);
  const linesOf = (value: JsonObject): string[] => {
    const errors = check.errors ?? [];
    const explained = explain ? explain(value, errors) : [];
    if (explained.length > 0) return explained;
    return errors.length > 0 ? ajvErrorLines(errors) : [BROKEN_RULE];
  };
  const decide = (value: JsonObject, limits?: ParseLimits): ParseResult<Static<S>> => {
    if (check(value) && (refine === undefined || refine(value))) {
      return { ok: true, value: value as Static<S> };
    }
    const lines = linesOf(value);
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
