/**
 * The property rules the wire messages are written in, as TypeBox schemas. Each fragment is
 * the JSON Schema of its rule (published as it is, keys in this order) and carries the one
 * problem its error line names (`annotations.ts`), so that an error never echoes a value.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { DerivedIdPrefix } from '../validation/formats';
import { isUtcTimestamp } from '../validation/formats';
import { FORBIDDEN_KEYS } from '../validation/json-guard';
import {
  type Owner,
  withDefinitions,
  withProblem,
  withRefinement,
  withRefNote,
} from './annotations';
import { inOrder } from './ordering-rules';

/** Shape of an ISO-8601 UTC timestamp; `format: date-time` adds the calendar check. */
export const UTC_TIMESTAMP_PATTERN =
  '^(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])' +
  'T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?(?:Z|\\+00:00)$';
/** Shape of a `YYYY-MM-DD` date; `format: date` adds the calendar check. */
export const CALENDAR_DATE_PATTERN =
  '^(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$';

const TIMESTAMP_PROBLEM = 'must be an ISO-8601 UTC timestamp ending in Z or +00:00';
const TIMESTAMP_DESCRIPTION = 'ISO-8601 UTC timestamp ending in Z or +00:00; no leap seconds.';
const DIGEST_PROBLEM = 'must be sha256: and 64 lower-case hex digits';

/** The definition every value inside `data` is checked against (keys only; see FORBIDDEN_KEYS). */
export const JSON_VALUE_DEFINITION = 'JsonValue';

/** A string of `min`..`max` characters (ajv counts Unicode code points, as the rule says). */
export function text(min: number, max: number) {
  const schema = Type.Unsafe<string>({ type: 'string', minLength: min, maxLength: max });
  return withProblem(schema, `must be a string of ${min}..${max} characters`);
}

/** Any string (names taken from a payload, which the audit must be able to record). */
export function anyString() {
  return withProblem(Type.Unsafe<string>({ type: 'string' }), 'must be a string');
}

/** A string of `[a-zA-Z0-9._-]`, 1..`max` long, so that it can be part of a Kafka topic name. */
export function topicSafeId(max: number) {
  const pattern = `^[a-zA-Z0-9._-]{1,${max}}$`;
  const schema = Type.Unsafe<string>({ type: 'string', minLength: 1, maxLength: max, pattern });
  return withProblem(schema, `must be 1..${max} characters of [a-zA-Z0-9._-]`);
}

/** One of a closed vocabulary; the problem lists the vocabulary, never the value received. */
export function oneOf<T extends string>(values: readonly T[]) {
  const schema = Type.Unsafe<T>({ type: 'string', enum: [...values] });
  return withProblem(schema, `must be one of: ${values.join(', ')}`);
}

/** An array of distinct values of a closed vocabulary (possibly empty). */
export function oneOfList<T extends string>(values: readonly T[]) {
  const items = { type: 'string', enum: [...values] };
  const schema = Type.Unsafe<T[]>({ type: 'array', items, uniqueItems: true });
  return withProblem(schema, `must be an array of distinct values of: ${values.join(', ')}`);
}

function timestamp(description: string) {
  return Type.Unsafe<string>({
    type: 'string',
    format: 'date-time',
    pattern: UTC_TIMESTAMP_PATTERN,
    description,
  });
}

/** An ISO-8601 UTC timestamp (see `isUtcTimestamp`). */
export function utcTimestamp() {
  return withProblem(timestamp(TIMESTAMP_DESCRIPTION), TIMESTAMP_PROBLEM);
}

/**
 * A UTC timestamp strictly after (`orEqual`: not before) the sibling timestamp `other`. JSON
 * Schema cannot compare two properties: the order is a refinement, stated in the description.
 * When the sibling is itself invalid only the format counts, since the sibling reports its own.
 */
export function utcTimestampAfter(other: string, orEqual: boolean) {
  const order = `${orEqual ? 'At or after' : 'After'} \`${other}\` (checked by the contract's validators; JSON Schema cannot compare properties).`;
  const schema = timestamp(`${TIMESTAMP_DESCRIPTION} ${order}`);
  const holds = (value: unknown, owner: Owner): boolean =>
    !isUtcTimestamp(owner[other]) || inOrder(owner[other], value, orEqual);
  const problem = (value: unknown): string =>
    isUtcTimestamp(value)
      ? `must be ${orEqual ? 'at or after' : 'after'} ${other}`
      : TIMESTAMP_PROBLEM;
  return withProblem(withRefinement(schema, holds), problem);
}

/** A `YYYY-MM-DD` real calendar date. */
export function calendarDate() {
  const schema = Type.Unsafe<string>({
    type: 'string',
    format: 'date',
    pattern: CALENDAR_DATE_PATTERN,
  });
  return withProblem(schema, 'must be a real date in YYYY-MM-DD form');
}

/** An ISO 3166-1 alpha-2 shaped country code. */
export function countryCode() {
  const schema = Type.Unsafe<string>({ type: 'string', pattern: '^[A-Z]{2}$' });
  return withProblem(schema, 'must be an ISO 3166-1 alpha-2 code (two upper-case letters)');
}

/** A residence: a country code, or `US-` and a state code. */
export function residence() {
  const schema = Type.Unsafe<string>({ type: 'string', pattern: '^(?:[A-Z]{2}|US-[A-Z]{2})$' });
  return withProblem(schema, 'must be an ISO 3166-1 alpha-2 code or a US state such as US-CA');
}

/** A `sha256:<64 lower-case hex>` digest. */
export function digest() {
  const schema = Type.Unsafe<string>({ type: 'string', pattern: '^sha256:[0-9a-f]{64}$' });
  return withProblem(schema, DIGEST_PROBLEM);
}

/** An id made by `shareIdFor` (`sh`), `eventIdFor` (`ev`) or `noticeIdFor` (`nt`). */
export function derivedId(prefix: DerivedIdPrefix) {
  const schema = Type.Unsafe<string>({ type: 'string', pattern: `^${prefix}-[a-z2-7]{26}$` });
  return withProblem(schema, `must be ${prefix}- and 26 base32 characters`);
}

/** An integer in `min`..`max`. */
export function integer(min: number, max: number) {
  const schema = Type.Unsafe<number>({ type: 'integer', minimum: min, maximum: max });
  return withProblem(schema, `must be an integer from ${min} to ${max}`);
}

/** `true` or `false`. */
export function bool() {
  return withProblem(Type.Unsafe<boolean>({ type: 'boolean' }), 'must be a boolean');
}

const noForbiddenKeys = { not: { enum: [...FORBIDDEN_KEYS] } };
const jsonValueRef = { $ref: `#/definitions/${JSON_VALUE_DEFINITION}` };

/**
 * A JSON object (not an array). Its contents are free, except the key the contract's
 * structural guard refuses at any depth (`__proto__`); `constructor` and `prototype` are
 * ordinary field names inside `data` (DESIGN §7).
 */
export function jsonObject() {
  const schema = Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    propertyNames: noForbiddenKeys,
    additionalProperties: jsonValueRef,
  });
  const jsonValue = {
    description: 'Any JSON value whose objects use none of the forbidden keys.',
    anyOf: [
      { type: ['string', 'number', 'boolean', 'null'] },
      { type: 'array', items: jsonValueRef },
      { type: 'object', propertyNames: noForbiddenKeys, additionalProperties: jsonValueRef },
    ],
  };
  const defined = withDefinitions(schema, { [JSON_VALUE_DEFINITION]: jsonValue });
  return withProblem(defined, 'must be a JSON object');
}

/** Options of {@link stringList}. */
export interface StringListOptions {
  /** Shortest and longest item in code points; omit to accept any string. */
  itemLength?: [number, number];
  /** Refuse repeated items: the list is a set (purposes, fields, categories). */
  unique?: boolean;
}

/** An array of strings, optionally bounded and duplicate-free. */
export function stringList({ itemLength, unique = false }: StringListOptions = {}) {
  const items = itemLength
    ? { type: 'string', minLength: itemLength[0], maxLength: itemLength[1] }
    : { type: 'string' };
  const schema = Type.Unsafe<string[]>({
    type: 'array',
    items,
    ...(unique ? { uniqueItems: true } : {}),
  });
  const what = itemLength ? `strings of ${itemLength[0]}..${itemLength[1]} characters` : 'strings';
  const itemOk = (v: unknown): boolean =>
    typeof v === 'string' &&
    (itemLength === undefined || inRange([...v].length, itemLength[0], itemLength[1]));
  // Only the duplicates can be wrong once every item is a fitting string.
  const problem = (value: unknown): string =>
    Array.isArray(value) && value.every(itemOk)
      ? 'must not contain duplicates'
      : `must be an array of ${what}`;
  return withProblem(schema, problem);
}

/** `schema` or `null` (the property is required all the same unless made optional). */
export function nullable<T extends TSchema>(schema: T) {
  const type = (schema as { type?: unknown }).type;
  if (typeof type !== 'string') throw new TypeError('nullable() takes a fragment with one type');
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
}

/** `object` or `null`: a nested message part that may be null. */
export function nullableObject<T extends TSchema>(object: T) {
  return Type.Union([object, Type.Null()]);
}

/**
 * Adds a description of the property (what it means in this message) before the fragment's
 * own. A titled object keeps its own description in `definitions`; the note goes on its `$ref`.
 */
export function described<T extends TSchema>(schema: T, description: string): T {
  if (schema.type === 'object' && typeof schema.title === 'string') {
    return withRefNote(schema, description);
  }
  const own = schema.description;
  return { ...schema, description: own === undefined ? description : `${description} ${own}` };
}

function inRange(n: number, min: number, max: number): boolean {
  return n >= min && n <= max;
}
