// Errors are logged and written to DLQ headers, so they must never carry a data value: only
// property paths and constraint names. These tests plant recognisable values everywhere.
import { Kind, type TSchema } from '@sinclair/typebox';
import {
  parseAuditEvent,
  parseRecipient,
  parseShare,
  parseShareRequest,
  parseSubjectProfile,
  type ParseResult,
  WIRE_MESSAGES,
} from '@app/contracts';
import { problemOf } from '../src/messages/annotations';
import {
  AUDIT_EVENT_JSON,
  example,
  type Message,
  RECIPIENT_JSON,
  SHARE_JSON,
  SHARE_REQUEST_JSON,
  SUBJECT_JSON,
} from './fixtures';

const SECRET = 'ada.lovelace@example.org';
const PLANTED_TEXT = `PLANTED ${SECRET} `.repeat(120);
const PLANTED_NUMBER = 987654.321;
const PLANTED_VALUES: unknown[] = [
  PLANTED_TEXT,
  PLANTED_NUMBER,
  [PLANTED_TEXT, PLANTED_TEXT],
  { k: PLANTED_TEXT },
];

const MESSAGES: [string, (input: string) => ParseResult<unknown>, string][] = [
  ['ShareRequest', parseShareRequest, SHARE_REQUEST_JSON],
  ['Recipient', parseRecipient, RECIPIENT_JSON],
  ['SubjectProfile', parseSubjectProfile, SUBJECT_JSON],
  ['Share', parseShare, SHARE_JSON],
  ['AuditEvent', parseAuditEvent, AUDIT_EVENT_JSON],
];

// Properties whose contract is "any string": a planted string there is legitimately accepted.
const ANY_STRING = /^(data(\.|$)|reasons\.0\.field$|fields(Shared|Withheld)\.\d+$)/;

/** Every path of a JSON value, leaves and containers alike. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const children = Object.entries(value).flatMap(([key, child]) => paths(child, [...prefix, key]));
  return prefix.length === 0 ? children : [prefix, ...children];
}

function plant(json: string, path: string[], planted: unknown): string {
  const message = example(json);
  let parent: Message = message;
  for (const key of path.slice(0, -1)) parent = parent[key];
  parent[path[path.length - 1]] = planted;
  return JSON.stringify(message);
}

function expectClean(errors: string[]): void {
  for (const error of errors) {
    expect(error).not.toContain('PLANTED');
    expect(error).not.toContain(SECRET);
    expect(error).not.toContain('987654');
  }
}

describe('no value ever appears in an error', () => {
  it.each(MESSAGES)('%s: a planted value at every path', (_name, parse, json) => {
    let refusals = 0;
    for (const path of paths(example(json))) {
      for (const planted of PLANTED_VALUES) {
        const result = parse(plant(json, path, planted));
        if (result.ok) {
          expect(path.join('.')).toMatch(ANY_STRING);
          continue;
        }
        refusals++;
        expectClean(result.errors);
      }
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it.each(MESSAGES)('%s: planted values in unknown properties and keys', (_name, parse, json) => {
    const message = example(json);
    message.unexpected = PLANTED_TEXT;
    message.also = { nested: [PLANTED_NUMBER] };
    const result = parse(JSON.stringify(message));
    expect(result.ok).toBe(false);
    if (!result.ok) expectClean(result.errors);
  });

  it('keys deep inside data stay out of safety-limit errors', () => {
    const message = example(SHARE_REQUEST_JSON);
    message.data.grades = [{ [SECRET]: JSON.parse('{"__proto__": 1}') }];
    message.data.notes = { [SECRET]: JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`) };
    const errors = parseShareRequest(JSON.stringify(message));
    expect(errors).toEqual({
      ok: false,
      code: 'INVALID_MESSAGE',
      errors: [
        'data.grades: contains forbidden key "__proto__"',
        'data.notes: nesting deeper than 32',
      ],
    });
  });

  it('syntax errors do not quote the text, which JSON.parse would', () => {
    const text = '{"n": Ada}';
    expect(() => JSON.parse(text)).toThrow('Ada'); // what we must not pass on
    expect(parseShareRequest(text)).toEqual({
      ok: false,
      code: 'INVALID_JSON',
      errors: ['(root): not valid JSON'],
    });
  });
});

/** Every property of an object schema, nested objects (and arrays of them) walked too. */
function leaves(schema: TSchema, path: string): [string, TSchema][] {
  return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([name, p]) => {
    const at = `${path}.${name}`;
    const object = [p, p.items, ...((p.anyOf ?? []) as TSchema[])].find(
      (s: TSchema | undefined) => s?.[Kind] === 'Object',
    );
    return object ? leaves(object, at) : [[at, p] as [string, TSchema]];
  });
}

describe('every property of every wire message names its own fixed problem', () => {
  it.each(WIRE_MESSAGES.map((m) => [m.name, m.schema]))('%s', (name, schema) => {
    const properties = leaves(schema, name);
    expect(properties.length).toBeGreaterThan(3);
    const unnamed = properties.filter(([, p]) => problemOf(p) === undefined).map(([at]) => at);
    // Without its own problem a property would fall back to ajv's generic wording.
    expect(unnamed).toEqual([]);
  });
});
