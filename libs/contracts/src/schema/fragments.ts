/**
 * One builder per rule of `validation/rules.ts`, with the same name and parameters: the JSON
 * Schema of the rule, a sample value, and witnesses (values the rule must accept or refuse)
 * that the generator runs through the DTO to prove the two say the same thing.
 */
import type { DerivedIdPrefix } from '../validation/formats';
import { FORBIDDEN_KEYS } from '../validation/json-guard';
import type { DtoSpec, JsonSchema, Presence, PropertySpec, Witness } from './property-spec';

/** Shape of an ISO-8601 UTC timestamp; `format: date-time` adds the calendar check. */
export const UTC_TIMESTAMP_PATTERN =
  '^(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])' +
  'T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?(?:Z|\\+00:00)$';
/** Shape of a `YYYY-MM-DD` date; `format: date` adds the calendar check. */
export const CALENDAR_DATE_PATTERN =
  '^(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$';
const COUNTRY_CODE_PATTERN = '^[A-Z]{2}$';
const RESIDENCE_PATTERN = '^(?:[A-Z]{2}|US-[A-Z]{2})$';
const DIGEST_PATTERN = '^sha256:[0-9a-f]{64}$';

/** The definition every value inside `data` is checked against (keys only; see FORBIDDEN_KEYS). */
export const JSON_VALUE_DEFINITION = 'JsonValue';

const EMOJI = '\u{1F600}'; // one code point, two UTF-16 units: lengths count code points
const WRONG_TYPE = 42;
const DIGEST_SAMPLE = `sha256:${'0'.repeat(64)}`;

const TIMESTAMPS_OK = [
  '2026-03-01T10:00:00Z',
  '2024-02-29T23:59:59.123456789+00:00',
  '9999-12-31T23:59:59.9Z',
];
const TIMESTAMPS_BAD = [
  '2026-02-30T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '2026-03-01T10:00:60Z',
  '2026-03-01T24:00:00Z',
  '2026-03-01T10:00:00+01:00',
  '2026-03-01T10:00:00',
  '2026-03-01 10:00:00Z',
  '2026-03-01t10:00:00z',
  '0000-01-01T00:00:00Z',
  '2026-03-01T10:00:00.1234567890Z',
  WRONG_TYPE,
];

const values = (...items: unknown[]): Witness[] => items.map((value) => ({ value }));

function property(
  rule: string,
  schema: JsonSchema,
  sample: unknown,
  accepts: unknown[],
  rejects: unknown[],
  presence: Presence = {},
): PropertySpec {
  return {
    rule,
    schema,
    presence,
    sample,
    accepts: values(...accepts),
    rejects: values(...rejects),
  };
}

/** `Text(min, max)`: `min`..`max` code points. */
export function text(min: number, max: number, presence?: Presence): PropertySpec {
  const schema = { type: 'string', minLength: min, maxLength: max };
  const accepts = ['a'.repeat(min), 'a'.repeat(max), EMOJI.repeat(max)];
  const rejects = ['a'.repeat(max + 1), WRONG_TYPE, ...(min > 0 ? ['a'.repeat(min - 1)] : [])];
  return property('text', schema, 'a'.repeat(Math.max(min, 1)), accepts, rejects, presence);
}

/** `AnyString()`: any string, empty included. */
export function anyString(presence?: Presence): PropertySpec {
  return property('string', { type: 'string' }, 'x', ['', EMOJI], [WRONG_TYPE], presence);
}

/** `TopicSafeId(max)`: 1..`max` characters of `[a-zA-Z0-9._-]`. */
export function topicSafeId(max: number, presence?: Presence): PropertySpec {
  const schema = {
    type: 'string',
    minLength: 1,
    maxLength: max,
    pattern: `^[a-zA-Z0-9._-]{1,${max}}$`,
  };
  const accepts = ['a', 'Az09._-', 'a'.repeat(max)];
  const rejects = ['', 'a'.repeat(max + 1), 'a b', 'a/b', 'é', WRONG_TYPE];
  return property('topicSafeId', schema, 'a', accepts, rejects, presence);
}

/** `OneOf(values)`: one of a closed vocabulary. */
export function oneOf(vocabulary: readonly string[], presence?: Presence): PropertySpec {
  const spec = property(
    'oneOf',
    { type: 'string', enum: [...vocabulary] },
    vocabulary[0],
    [...vocabulary],
    ['not-in-vocabulary', ` ${vocabulary[0]}`, '', WRONG_TYPE],
    presence,
  );
  return { ...spec, values: vocabulary };
}

/** `OneOfList(values)`: an array of distinct vocabulary values. */
export function oneOfList(vocabulary: readonly string[], presence?: Presence): PropertySpec {
  const schema = {
    type: 'array',
    items: { type: 'string', enum: [...vocabulary] },
    uniqueItems: true,
  };
  const accepts = [[], [vocabulary[0]], [...vocabulary]];
  const rejects = [
    [vocabulary[0], vocabulary[0]],
    ['not-in-vocabulary'],
    vocabulary[0],
    [WRONG_TYPE],
  ];
  return property('oneOfList', schema, [vocabulary[0]], accepts, rejects, presence);
}

const TIMESTAMP_SCHEMA = {
  type: 'string',
  format: 'date-time',
  pattern: UTC_TIMESTAMP_PATTERN,
  description: 'ISO-8601 UTC timestamp ending in Z or +00:00; no leap seconds.',
};

/** `UtcTimestamp()`. */
export function utcTimestamp(presence?: Presence): PropertySpec {
  return property(
    'utcTimestamp',
    TIMESTAMP_SCHEMA,
    TIMESTAMPS_OK[0],
    TIMESTAMPS_OK,
    TIMESTAMPS_BAD,
    presence,
  );
}

/**
 * `UtcTimestampAfter(other, orEqual)`. JSON Schema cannot compare two properties, so the order
 * is stated in the description only; the witnesses still prove the DTO enforces it.
 */
export function utcTimestampAfter(other: string, orEqual: boolean, presence?: Presence) {
  const start = '2026-03-01T10:00:00Z';
  const order = `${orEqual ? 'At or after' : 'After'} \`${other}\` (checked by the contract's validators; JSON Schema cannot compare properties).`;
  const schema = { ...TIMESTAMP_SCHEMA, description: `${TIMESTAMP_SCHEMA.description} ${order}` };
  const earliest = { [other]: '0001-01-01T00:00:00Z' };
  const at = { [other]: start };
  const sameInstant = { value: '2026-03-01T10:00:00.000+00:00', owner: at };
  return {
    rule: 'utcTimestampAfter',
    schema,
    presence: presence ?? {},
    sample: '2026-03-01T10:00:01Z',
    accepts: [
      ...TIMESTAMPS_OK.map((value) => ({ value, owner: earliest })),
      { value: '2026-03-01T10:00:00.001Z', owner: at },
      ...(orEqual ? [sameInstant] : []),
    ],
    rejects: [
      ...TIMESTAMPS_BAD.map((value) => ({ value, owner: earliest })),
      { value: '2026-03-01T09:59:59.999Z', owner: at },
      ...(orEqual ? [] : [sameInstant]),
    ],
  } satisfies PropertySpec;
}

/** `CalendarDate()`: a real `YYYY-MM-DD` date. */
export function calendarDate(presence?: Presence): PropertySpec {
  const schema = { type: 'string', format: 'date', pattern: CALENDAR_DATE_PATTERN };
  const accepts = ['2001-05-17', '2024-02-29', '0001-01-01'];
  const rejects = ['2023-02-29', '2001-5-17', '2001-13-01', '0000-01-01', '2001-05-17T00:00:00Z'];
  return property('calendarDate', schema, accepts[0], accepts, [...rejects, WRONG_TYPE], presence);
}

/** `CountryCode()`: two upper-case ASCII letters. */
export function countryCode(presence?: Presence): PropertySpec {
  const schema = { type: 'string', pattern: COUNTRY_CODE_PATTERN };
  const rejects = ['us', 'USA', 'U', 'US-CA', WRONG_TYPE];
  return property('countryCode', schema, 'US', ['US', 'DE'], rejects, presence);
}

/** `Residence()`: a country code or `US-` and a state code. */
export function residence(presence?: Presence): PropertySpec {
  const schema = { type: 'string', pattern: RESIDENCE_PATTERN };
  const rejects = ['de', 'DE-BY', 'US-ca', 'USA', 'US-', WRONG_TYPE];
  return property('residence', schema, 'DE', ['DE', 'US-CA'], rejects, presence);
}

/** The schema and witnesses of a `sha256:` digest, shared with custom rules. */
export function digestParts() {
  return {
    schema: { type: 'string', pattern: DIGEST_PATTERN },
    sample: DIGEST_SAMPLE,
    accepts: [DIGEST_SAMPLE, `sha256:${'af'.repeat(32)}`],
    rejects: [
      `sha256:${'AF'.repeat(32)}`,
      `sha256:${'0'.repeat(63)}`,
      `sha1:${'0'.repeat(40)}`,
      WRONG_TYPE,
    ],
  };
}

/** `Digest()`: `sha256:` and 64 lower-case hex digits. */
export function digest(presence?: Presence): PropertySpec {
  const d = digestParts();
  return property('sha256Digest', d.schema, d.sample, d.accepts, d.rejects, presence);
}

/** The schema and witnesses of a derived id (`sh-…`, `ev-…`), shared with custom rules. */
export function derivedIdParts(prefix: DerivedIdPrefix) {
  const other = prefix === 'sh' ? 'ev' : 'sh'; // any other prefix must be refused
  return {
    schema: { type: 'string', pattern: `^${prefix}-[a-z2-7]{26}$` },
    sample: `${prefix}-${'a'.repeat(26)}`,
    accepts: [`${prefix}-${'a'.repeat(26)}`, `${prefix}-${'234567abcdefghijklmnopqrst'}`],
    rejects: [
      `${other}-${'a'.repeat(26)}`,
      `${prefix}-${'a'.repeat(25)}`,
      `${prefix}-${'A'.repeat(26)}`,
      `${prefix}-${'1'.repeat(26)}`,
      WRONG_TYPE,
    ],
  };
}

/** `DerivedId(prefix)`: `sh-` or `ev-` and 26 base32 characters. */
export function derivedId(prefix: DerivedIdPrefix, presence?: Presence): PropertySpec {
  const id = derivedIdParts(prefix);
  return property('derivedId', id.schema, id.sample, id.accepts, id.rejects, presence);
}

/** `Integer(min, max)`. */
export function integer(min: number, max: number, presence?: Presence): PropertySpec {
  const schema = { type: 'integer', minimum: min, maximum: max };
  const rejects = [min - 1, max + 1, 1.5, '1'];
  return property('integer', schema, min, [min, max], rejects, presence);
}

/** `Bool()`. */
export function bool(presence?: Presence): PropertySpec {
  return property('boolean', { type: 'boolean' }, false, [true, false], ['true', 0], presence);
}

/**
 * `JsonObject()`: any JSON object. Its contents are free, except the key the contract's
 * structural guard refuses at any depth (`__proto__`); `constructor` and `prototype` are
 * ordinary field names inside `data` (DESIGN §7).
 */
export function jsonObject(presence?: Presence): PropertySpec {
  const schema = {
    type: 'object',
    propertyNames: { not: { enum: [...FORBIDDEN_KEYS] } },
    additionalProperties: { $ref: `#/definitions/${JSON_VALUE_DEFINITION}` },
  };
  const accepts: unknown[] = [
    {},
    { a: { b: [1, { c: null }] }, d: 'x' },
    JSON.parse('{"constructor": 1, "prototype": {"constructor": "x"}}'),
  ];
  const rejects = [[], 'x', JSON.parse('{"__proto__":1}'), JSON.parse('{"a":[{"__proto__":1}]}')];
  return {
    ...property('jsonObject', schema, {}, accepts, rejects, presence),
    definitions: {
      [JSON_VALUE_DEFINITION]: {
        description: 'Any JSON value whose objects use none of the forbidden keys.',
        anyOf: [
          { type: ['string', 'number', 'boolean', 'null'] },
          { type: 'array', items: { $ref: `#/definitions/${JSON_VALUE_DEFINITION}` } },
          {
            type: 'object',
            propertyNames: { not: { enum: [...FORBIDDEN_KEYS] } },
            additionalProperties: { $ref: `#/definitions/${JSON_VALUE_DEFINITION}` },
          },
        ],
      },
    },
  };
}

/** Options of `stringList`, as in the DTO rule. */
export interface StringListOptions extends Presence {
  itemLength?: [number, number];
  unique?: boolean;
}

/** `StringList(options)`: an array of strings, optionally bounded and duplicate-free. */
export function stringList(options: StringListOptions = {}): PropertySpec {
  const { itemLength, unique = false, ...presence } = options;
  const items = itemLength
    ? { type: 'string', minLength: itemLength[0], maxLength: itemLength[1] }
    : { type: 'string' };
  const schema = { type: 'array', items, ...(unique ? { uniqueItems: true } : {}) };
  const item = 'a'.repeat(Math.max(itemLength?.[0] ?? 1, 1));
  const accepts: unknown[] = [[], [item, `${item}b`]];
  const rejects: unknown[] = [item, [WRONG_TYPE], {}];
  (unique ? rejects : accepts).push([item, item]);
  if (itemLength) {
    accepts.push(['a'.repeat(itemLength[1])], [EMOJI.repeat(itemLength[1])]);
    rejects.push(['a'.repeat(itemLength[1] + 1)]);
    if (itemLength[0] > 0) rejects.push(['a'.repeat(itemLength[0] - 1)]);
  }
  return property('stringList', schema, [], accepts, rejects, presence);
}

/** `Nested(dto)`: an object checked against the nested DTO (sample computed by the generator). */
export function nested(spec: DtoSpec, presence?: Presence): PropertySpec {
  const schema = { $ref: `#/definitions/${spec.title}` };
  const rejects = ['x', [], WRONG_TYPE];
  return {
    ...property('object', schema, undefined, [], rejects, presence),
    nested: { spec, list: false },
  };
}

/** `NestedList(dto)`: an array of objects, each checked against the nested DTO. */
export function nestedList(spec: DtoSpec, presence?: { optional?: boolean }): PropertySpec {
  const schema = { type: 'array', items: { $ref: `#/definitions/${spec.title}` } };
  const rejects = [{}, ['x'], [[]], 'x'];
  return {
    ...property('objectList', schema, undefined, [[]], rejects, presence),
    nested: { spec, list: true },
  };
}
