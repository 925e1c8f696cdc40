// explain rebuilds a refusal's lines from the TypeBox schema; the accept path is ajv compiled
// from the same schema, plus the ordering rules. A sweep of mutations derived from the
// published schemas (every property deleted, nulled, retyped, pushed to and past its bounds,
// every enum value, every nested object the same way), applied to every valid variant: explain
// names a line exactly when the parser refuses, so no refusal falls back to ajv's wording.
// Plus property tests of the published timestamp and date patterns against the contract's checks.
import fc from 'fast-check';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  explain,
  isCalendarDate,
  isUtcTimestamp,
  parseAuditEvent,
  parseRecipient,
  parseShare,
  parseShareRequest,
  parseSubjectProfile,
  type ParseResult,
  publishedSchemas,
  WIRE_MESSAGES,
} from '@app/contracts';
import type { TSchema } from '@sinclair/typebox';
import type { Message } from './fixtures';
import { VALID_VARIANTS } from './variants';

type Schema = Record<string, unknown>;

const SCHEMAS: Record<string, Schema> = Object.fromEntries(
  publishedSchemas().map((s) => [s.name, s.schema]),
);
const TYPEBOX: Record<string, TSchema> = Object.fromEntries(
  WIRE_MESSAGES.map((m) => [m.name, m.schema]),
);
const PARSERS: Record<string, (input: string) => ParseResult<unknown>> = {
  ShareRequest: parseShareRequest,
  Recipient: parseRecipient,
  SubjectProfile: parseSubjectProfile,
  Share: parseShare,
  AuditEvent: parseAuditEvent,
};

type Path = (string | number)[];
interface Mutation {
  label: string;
  apply: (message: Message) => void;
}

const EMOJI = '\u{1F600}';
const BAD_TIMESTAMPS = ['2026-02-30T00:00:00Z', '2026-03-01T10:00:60Z', '2026-03-01T10:00:00'];

/** A short, readable name for a value (long runs of one character as `"a"×129`). */
function shown(value: unknown): string {
  const chars = typeof value === 'string' ? [...value] : [];
  if (chars.length > 8 && chars.every((c) => c === chars[0])) {
    return `${JSON.stringify(chars[0])}×${chars.length}`;
  }
  return JSON.stringify(value);
}

function labelled(path: Path, what: string, apply: Mutation['apply']): Mutation {
  return { label: `${path.join('.') || '(root)'}: ${what}`, apply };
}

function parentOf(message: Message, path: Path): Message {
  return path.slice(0, -1).reduce<Message>((node, key) => node[key], message);
}

function set(path: Path, value: unknown): Mutation['apply'] {
  return (m) => {
    parentOf(m, path)[path[path.length - 1]] = structuredClone(value);
  };
}

function remove(path: Path): Mutation['apply'] {
  return (m) => {
    delete parentOf(m, path)[path[path.length - 1]];
  };
}

/** Follows `$ref` and the non-null branch of a nullable `anyOf`. */
function resolve(root: Schema, schema: Schema): Schema {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/definitions/', '');
    return resolve(root, (root.definitions as Record<string, Schema>)[name]);
  }
  const anyOf = schema.anyOf as Schema[] | undefined;
  const branch = anyOf?.find((s) => s.type !== 'null');
  return anyOf && branch && anyOf.length === 2 ? resolve(root, branch) : schema;
}

/** The same instant written differently: keeps every ordering between timestamps. */
function sameInstant(value: unknown): unknown[] {
  if (typeof value !== 'string' || !value.endsWith('Z')) return [];
  return [value.includes('.') ? value.replace('Z', '+00:00') : value.replace('Z', '.000+00:00')];
}

function stringValues(s: Schema, current: unknown): unknown[] {
  const out: unknown[] = [];
  const { minLength: min, maxLength: max } = s as { minLength?: number; maxLength?: number };
  if (max !== undefined) out.push('a'.repeat(max), 'a'.repeat(max + 1), EMOJI.repeat(max));
  if (max !== undefined) out.push(EMOJI.repeat(max + 1));
  if (min !== undefined && min > 0) out.push('a'.repeat(min - 1));
  if (Array.isArray(s.enum)) out.push(...s.enum, 'NOT_IN_ENUM');
  if (s.format === 'date-time') out.push(...sameInstant(current), ...BAD_TIMESTAMPS);
  if (s.format === 'date') out.push('2024-02-29', '2023-02-29', '0000-01-01');
  return out;
}

function arrayMutations(root: Schema, s: Schema, current: unknown, path: Path): Mutation[] {
  const out: Mutation[] = [labelled(path, '[]', set(path, []))];
  const items = resolve(root, s.items as Schema);
  const list = Array.isArray(current) ? current : [];
  if (list.length > 0) out.push(labelled(path, 'first item twice', set(path, [list[0], list[0]])));
  if (items.type === 'string') {
    const values = stringValues(items, undefined);
    out.push(
      ...values.map((v) => ({ label: `[${String(v).slice(0, 20)}]`, apply: set(path, [v]) })),
    );
  }
  if (items.properties) {
    out.push(labelled(path, '[{}]', set(path, [{}])));
    if (list.length > 0) out.push(...mutationsOf(root, items, list[0], [...path, 0]));
  }
  return out;
}

/** Every mutation of `value` (an object at `path`) that `schema` suggests. */
function mutationsOf(root: Schema, schema: Schema, value: Message, path: Path): Mutation[] {
  const out: Mutation[] = [labelled(path, 'unknown property', set([...path, 'zz'], 1))];
  for (const [name, raw] of Object.entries(schema.properties as Record<string, Schema>)) {
    const at = [...path, name];
    const s = resolve(root, raw);
    const current = value[name];
    const values: unknown[] = [null, 42, 'x', true, {}, []];
    if (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'))) {
      values.push(...stringValues(s, current));
    }
    if (s.type === 'integer') {
      const { minimum: lo, maximum: hi } = s as { minimum: number; maximum: number };
      values.push(lo, hi, lo - 1, hi + 1, 1.5);
    }
    if (s.type === 'object' && !s.properties) {
      values.push({ prototype: 1 }, { a: JSON.parse('{"constructor":1}') });
    }
    out.push(labelled(at, 'deleted', remove(at)));
    out.push(...values.map((v) => labelled(at, shown(v), set(at, v))));
    if (s.type === 'array') out.push(...arrayMutations(root, s, current, at));
    if (s.properties && current && typeof current === 'object') {
      out.push(...mutationsOf(root, s, current, at));
    }
  }
  return out;
}

describe('explain and the parser, on a sweep of mutations of every valid variant', () => {
  it.each(VALID_VARIANTS)('%s (%s)', (name, _what, base) => {
    const disagreements: string[] = [];
    const mutations = mutationsOf(SCHEMAS[name], SCHEMAS[name], base, []);
    for (const { label, apply } of mutations) {
      const message = structuredClone(base);
      apply(message);
      const text = JSON.stringify(message);
      const parsed = PARSERS[name](text);
      const lines = explain(TYPEBOX[name], JSON.parse(text) as Message);
      if (parsed.ok !== (lines.length === 0)) {
        disagreements.push(`${label}: parser ${parsed.ok}, explain ${JSON.stringify(lines)}`);
      } else if (!parsed.ok) {
        // What the parser reports is explain's lines, not a fallback.
        expect(parsed.errors).toEqual(lines.slice(0, 100));
      }
    }
    expect(mutations.length).toBeGreaterThan(50);
    expect(disagreements).toEqual([]);
  });
});

describe('the published timestamp and date patterns', () => {
  const ajv = new Ajv({ allErrors: true, strictTypes: true, allowUnionTypes: true });
  addFormats(ajv);
  const schemaOf = (message: string, property: string) => {
    const properties = SCHEMAS[message].properties as Record<string, Schema>;
    return ajv.compile(properties[property]);
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const date = fc
    .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }))
    .chain(([y, m]) =>
      fc.integer({ min: 0, max: 32 }).map((d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
    );

  it('accept exactly the timestamps isUtcTimestamp accepts', () => {
    const validate = schemaOf('ShareRequest', 'requestedAt');
    const time = fc
      .tuple(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom('', '.1', '.123456789', '.1234567890'),
        fc.constantFrom('Z', '+00:00', '+01:00', 'z', '', '-00:00'),
      )
      .map(([h, m, s, f, z]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${f}${z}`);
    const separator = fc.constantFrom('T', 't', ' ');
    const timestamp = fc.tuple(date, separator, time).map(([d, sep, t]) => `${d}${sep}${t}`);
    fc.assert(
      fc.property(timestamp, (t) => validate(t) === isUtcTimestamp(t)),
      { numRuns: 5000 },
    );
  });

  it('accept exactly the dates isCalendarDate accepts', () => {
    const validate = schemaOf('SubjectProfile', 'birthDate');
    fc.assert(
      fc.property(date, (d) => validate(d) === isCalendarDate(d)),
      { numRuns: 5000 },
    );
  });
});
