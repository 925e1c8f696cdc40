/**
 * The property rules the DTOs are written in. Each rule is one class-validator constraint with
 * its own fixed message, so an error never echoes the value (class-validator's stock messages
 * can, via `$value`). Presence (required / optional / nullable) is decided inside the rule so
 * that every bad property yields exactly one error line.
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidateNested, type ValidationArguments } from 'class-validator';
import {
  isCalendarDate,
  isCountryCode,
  type DerivedIdPrefix,
  isDerivedId,
  isResidence,
  isSha256Digest,
  isUtcTimestamp,
} from './formats';
import { registerNested } from './instantiate';

/** The object a property belongs to, as seen by a cross-field condition. */
type Owner = Record<string, unknown>;
/** A presence flag, fixed or depending on sibling properties. */
type Condition = boolean | ((owner: Owner) => boolean);

/** Whether a property may be absent (`optional`) or `null` (`nullable`); both default to false. */
export interface Presence {
  optional?: Condition;
  nullable?: Condition;
}

type Test = (value: unknown, owner: Owner) => boolean;
type Problem = string | ((value: unknown, owner: Owner) => string);

function holds(condition: Condition | undefined, owner: Owner): boolean {
  return typeof condition === 'function' ? condition(owner) : condition === true;
}

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/** Defines a rule: one constraint named `name`, one message per failure mode, no values. */
export function rule(name: string, test: Test, problem: Problem, presence: Presence = {}) {
  const validate = (value: unknown, args?: ValidationArguments): boolean => {
    const owner = (args?.object ?? {}) as Owner;
    if (value === undefined) return holds(presence.optional, owner);
    if (value === null) return holds(presence.nullable, owner);
    return test(value, owner);
  };
  const message = (args: ValidationArguments): string => {
    if (args.value === undefined) return 'is required';
    if (args.value === null) return 'must not be null';
    return typeof problem === 'function' ? problem(args.value, args.object as Owner) : problem;
  };
  return ValidateBy({ name, validator: { validate } }, { message });
}

function codePoints(value: string, max: number): number {
  // Each code point is 1 or 2 UTF-16 units: skip the count when the answer is obvious.
  if (value.length > max * 2) return value.length;
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** A string of `min`..`max` characters (Unicode code points). */
export function Text(min: number, max: number, presence?: Presence): PropertyDecorator {
  const test: Test = (v) => typeof v === 'string' && inRange(codePoints(v, max), min, max);
  return rule('text', test, `must be a string of ${min}..${max} characters`, presence);
}

/** Any string (used for names taken from a payload, which the audit must be able to record). */
export function AnyString(presence?: Presence): PropertyDecorator {
  return rule('string', (v) => typeof v === 'string', 'must be a string', presence);
}

/** A string of `[a-zA-Z0-9._-]`, 1..`max` long, so that it can be part of a Kafka topic name. */
export function TopicSafeId(max: number, presence?: Presence): PropertyDecorator {
  const pattern = new RegExp(`^[a-zA-Z0-9._-]{1,${max}}$`);
  const test: Test = (v) => typeof v === 'string' && pattern.test(v);
  return rule('topicSafeId', test, `must be 1..${max} characters of [a-zA-Z0-9._-]`, presence);
}

/** One of a closed vocabulary; the message lists the vocabulary, never the value received. */
export function OneOf(values: readonly string[], presence?: Presence): PropertyDecorator {
  const test: Test = (v) => typeof v === 'string' && values.includes(v);
  return rule('oneOf', test, `must be one of: ${values.join(', ')}`, presence);
}

/** An array of distinct values of a closed vocabulary (possibly empty). */
export function OneOfList(values: readonly string[], presence?: Presence): PropertyDecorator {
  const test: Test = (v) =>
    Array.isArray(v) &&
    v.every((item) => typeof item === 'string' && values.includes(item)) &&
    new Set(v).size === v.length;
  const problem = `must be an array of distinct values of: ${values.join(', ')}`;
  return rule('oneOfList', test, problem, presence);
}

/** An ISO-8601 UTC timestamp (see `isUtcTimestamp`). */
export function UtcTimestamp(presence?: Presence): PropertyDecorator {
  const problem = 'must be an ISO-8601 UTC timestamp ending in Z or +00:00';
  return rule('utcTimestamp', isUtcTimestamp, problem, presence);
}

/**
 * A UTC timestamp strictly after (`orEqual`: not before) the sibling timestamp `other`. When the
 * sibling is itself invalid only the format is checked here, since the sibling reports its own.
 */
export function UtcTimestampAfter(other: string, orEqual: boolean, presence?: Presence) {
  const ordered = (v: unknown, owner: Owner): boolean => {
    const start = owner[other];
    if (!isUtcTimestamp(start)) return true;
    const delta = Date.parse(v as string) - Date.parse(start);
    return orEqual ? delta >= 0 : delta > 0;
  };
  const test: Test = (v, owner) => isUtcTimestamp(v) && ordered(v, owner);
  const problem = (v: unknown): string =>
    isUtcTimestamp(v)
      ? `must be ${orEqual ? 'at or after' : 'after'} ${other}`
      : 'must be an ISO-8601 UTC timestamp ending in Z or +00:00';
  return rule('utcTimestampAfter', test, problem, presence);
}

/** A `YYYY-MM-DD` real calendar date. */
export function CalendarDate(presence?: Presence): PropertyDecorator {
  return rule('calendarDate', isCalendarDate, 'must be a real date in YYYY-MM-DD form', presence);
}

/** An ISO 3166-1 alpha-2 shaped country code. */
export function CountryCode(presence?: Presence): PropertyDecorator {
  const problem = 'must be an ISO 3166-1 alpha-2 code (two upper-case letters)';
  return rule('countryCode', isCountryCode, problem, presence);
}

/** A residence: a country code, or `US-` and a state code. */
export function Residence(presence?: Presence): PropertyDecorator {
  const problem = 'must be an ISO 3166-1 alpha-2 code or a US state such as US-CA';
  return rule('residence', isResidence, problem, presence);
}

/** A `sha256:<64 lower-case hex>` digest. */
export function Digest(presence?: Presence): PropertyDecorator {
  const problem = 'must be sha256: and 64 lower-case hex digits';
  return rule('sha256Digest', isSha256Digest, problem, presence);
}

/** An id made by `shareIdFor` (`sh`) or `eventIdFor` (`ev`). */
export function DerivedId(prefix: DerivedIdPrefix, presence?: Presence): PropertyDecorator {
  const test: Test = (v) => isDerivedId(v, prefix);
  return rule('derivedId', test, `must be ${prefix}- and 26 base32 characters`, presence);
}

/** An integer in `min`..`max`. */
export function Integer(min: number, max: number, presence?: Presence): PropertyDecorator {
  const test: Test = (v) => Number.isSafeInteger(v) && inRange(v as number, min, max);
  return rule('integer', test, `must be an integer from ${min} to ${max}`, presence);
}

/** `true` or `false`. */
export function Bool(presence?: Presence): PropertyDecorator {
  return rule('boolean', (v) => typeof v === 'boolean', 'must be a boolean', presence);
}

/** A JSON object (not an array); its contents are not examined. */
export function JsonObject(presence?: Presence): PropertyDecorator {
  return rule('jsonObject', isObject, 'must be a JSON object', presence);
}

/** Bounds for the strings of a `StringList`. */
export interface StringListOptions extends Presence {
  /** Shortest and longest item in code points; omit both to accept any string. */
  itemLength?: [number, number];
  /** Refuse repeated items: the list is a set (purposes, fields, categories). */
  unique?: boolean;
}

/** An array of strings, optionally bounded and duplicate-free. */
export function StringList(options: StringListOptions = {}): PropertyDecorator {
  const { itemLength, unique = false } = options;
  const itemOk = (v: unknown): boolean =>
    typeof v === 'string' &&
    (itemLength === undefined || inRange(codePoints(v, itemLength[1]), ...itemLength));
  const test: Test = (v) =>
    Array.isArray(v) && v.every(itemOk) && (!unique || new Set(v).size === v.length);
  const items = itemLength ? `strings of ${itemLength[0]}..${itemLength[1]} characters` : 'strings';
  const problem = (v: unknown): string =>
    Array.isArray(v) && v.every(itemOk)
      ? 'must not contain duplicates'
      : `must be an array of ${items}`;
  return rule('stringList', test, problem, options);
}

/** Declares the nested DTO for our instantiation and for class-transformer (`@Type`). */
function NestedType(dto: () => new () => object, list: boolean): PropertyDecorator {
  // @Type keeps the DTOs usable with class-transformer (e.g. a Nest ValidationPipe); the
  // parse functions of this lib instantiate through `toInstance`, which reads the registry.
  return compose(Type(dto), (target, key) => registerNested(target, String(key), { dto, list }));
}

/**
 * A nested object validated against `dto`. Presence is a plain flag: class-validator's nested
 * check cannot be made conditional per value, so absent/null are skipped before it runs.
 */
export function Nested(dto: () => new () => object, presence: Presence = {}): PropertyDecorator {
  const skip = (v: unknown): boolean =>
    (v === undefined && presence.optional === true) || (v === null && presence.nullable === true);
  return compose(
    NestedType(dto, false),
    ValidateIf((_owner: unknown, v: unknown) => !skip(v)),
    rule('object', isObject, 'must be an object', {}),
    ValidateNested(),
  );
}

/** An array of objects, each validated against `dto`; may be absent only when `optional`. */
export function NestedList(
  dto: () => new () => object,
  presence: { optional?: boolean } = {},
): PropertyDecorator {
  const test: Test = (v) => Array.isArray(v) && v.every(isObject);
  const skip = (v: unknown): boolean => v === undefined && presence.optional === true;
  return compose(
    NestedType(dto, true),
    ValidateIf((_owner: unknown, v: unknown) => !skip(v)),
    rule('objectList', test, 'must be an array of objects', {}),
    ValidateNested({ each: true }),
  );
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function inRange(n: number, min: number, max: number): boolean {
  return n >= min && n <= max;
}
