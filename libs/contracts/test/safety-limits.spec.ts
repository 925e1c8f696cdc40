// The safety limits every message passes before its schema: size, UTF-8, JSON syntax, depth
// and forbidden keys, everywhere including inside data.
import {
  checkJsonObject,
  DEFAULT_PARSE_LIMITS,
  parseJsonObject,
  parseRecipient,
  parseShareRequest,
  parseSubjectProfile,
} from '@app/contracts';
import {
  errorsOf,
  example,
  type Message,
  RECIPIENT_JSON,
  SHARE_REQUEST_JSON,
  SUBJECT_JSON,
  variant,
} from './fixtures';

const MiB = 1024 * 1024;

/** The example request padded with a data field so that it is exactly `bytes` long. */
function requestOfSize(bytes: number, filler = 'x'): string {
  const base = variant(SHARE_REQUEST_JSON, (m) => (m.data.pad = ''));
  const room = bytes - Buffer.byteLength(base);
  const unit = Buffer.byteLength(filler);
  const text = base.replace('"pad":""', `"pad":"${filler.repeat(Math.floor(room / unit))}"`);
  return text + ' '.repeat(bytes - Buffer.byteLength(text)); // trailing whitespace is valid JSON
}

describe('size limit', () => {
  it('is 1 MiB by default, measured in bytes before parsing', () => {
    expect(DEFAULT_PARSE_LIMITS.maxBytes).toBe(MiB);
    expect(parseShareRequest(requestOfSize(MiB)).ok).toBe(true);
    expect(parseShareRequest(Buffer.from(requestOfSize(MiB))).ok).toBe(true);
    expect(parseShareRequest(requestOfSize(MiB + 1))).toEqual({
      ok: false,
      code: 'MESSAGE_TOO_LARGE',
      errors: [`(root): larger than ${MiB} bytes`],
    });
  });

  it('counts UTF-8 bytes of a string, not characters', () => {
    const text = requestOfSize(MiB + 2, 'é');
    expect(text.length).toBeLessThan(MiB);
    expect(parseShareRequest(text).ok && 'parsed').toBe(false);
    expect(errorsOf(parseShareRequest(text))).toEqual([`(root): larger than ${MiB} bytes`]);
  });

  it('is checked before the JSON is looked at', () => {
    const result = parseShareRequest('{'.repeat(200), { maxBytes: 100 });
    expect(result.ok || result.code).toBe('MESSAGE_TOO_LARGE');
  });

  it('is configurable', () => {
    expect(parseShareRequest(SHARE_REQUEST_JSON, { maxBytes: 100 })).toEqual({
      ok: false,
      code: 'MESSAGE_TOO_LARGE',
      errors: ['(root): larger than 100 bytes'],
    });
  });
});

describe('encoding and syntax', () => {
  it.each([
    ['a stray continuation byte', [0x80]],
    ['an invalid byte', [0xff]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('invalid UTF-8 (%s) is INVALID_JSON', (_name, bad) => {
    const input = Buffer.concat([
      Buffer.from('{"requestId":"'),
      Buffer.from(bad),
      Buffer.from('"}'),
    ]);
    expect(parseShareRequest(input)).toEqual({
      ok: false,
      code: 'INVALID_JSON',
      errors: ['(root): not valid UTF-8'],
    });
  });

  it('a string with a lone surrogate is INVALID_JSON', () => {
    expect(errorsOf(parseShareRequest('{"requestId":"\ud800"}'))).toEqual([
      '(root): not valid Unicode text',
    ]);
  });

  it('an escaped lone surrogate parses but is refused as a value', () => {
    const text = SHARE_REQUEST_JSON.replace('"Ada"', '"\\ud800"');
    expect(errorsOf(parseShareRequest(text))).toEqual(['data.name: string is not valid Unicode']);
  });

  it.each(['', '{', '{"a":1,}', "{'a':1}", '{"a":1}{}', 'NaN', '\ufeff{}', '{"a":Ada}'])(
    'syntax error %p is INVALID_JSON without echoing the input',
    (text) => {
      expect(parseShareRequest(text)).toEqual({
        ok: false,
        code: 'INVALID_JSON',
        errors: ['(root): not valid JSON'],
      });
    },
  );
});

/** `levels` arrays nested inside each other around 0. */
const nested = (levels: number): unknown => (levels === 0 ? 0 : [nested(levels - 1)]);

describe('depth limit', () => {
  it('is 32 by default, counting the root object as level 1, inside data too', () => {
    expect(DEFAULT_PARSE_LIMITS.maxDepth).toBe(32);
    // root (1) > data (2) > 30 arrays (3..32)
    expect(
      parseShareRequest(variant(SHARE_REQUEST_JSON, (m) => (m.data.deep = nested(30)))).ok,
    ).toBe(true);
    expect(
      errorsOf(parseShareRequest(variant(SHARE_REQUEST_JSON, (m) => (m.data.deep = nested(31))))),
    ).toEqual(['data.deep: nesting deeper than 32']);
  });

  it('applies outside data and is configurable', () => {
    const limits = { maxDepth: 2 };
    expect(parseShareRequest(SHARE_REQUEST_JSON, limits).ok).toBe(false);
    const flat = variant(SHARE_REQUEST_JSON, (m) => ((m.data = {}), delete m.legalBasis));
    expect(parseShareRequest(flat, limits).ok).toBe(true);
    const deep = variant(flat, (m) => (m.legalBasis = { kind: { a: 1 }, reference: 'x' }));
    expect(errorsOf(parseShareRequest(deep, limits))).toEqual([
      'legalBasis.kind: nesting deeper than 2',
    ]);
  });

  it('survives input far deeper than the limit without recursing into it', () => {
    const text = SHARE_REQUEST_JSON.replace(
      '"Ada"',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    );
    expect(errorsOf(parseShareRequest(text))).toEqual(['data.name: nesting deeper than 32']);
  });
});

describe('forbidden keys', () => {
  const raw = (text: string) => parseShareRequest(text);

  it.each(['__proto__', 'constructor', 'prototype'])('%s at the root', (key) => {
    const text = SHARE_REQUEST_JSON.replace('{', `{"${key}": {"polluted": true},`);
    expect(errorsOf(raw(text))).toEqual([`${key}: forbidden key`]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('%s inside legalBasis', (key) => {
    const text = SHARE_REQUEST_JSON.replace('"kind"', `"${key}": 1, "kind"`);
    expect(errorsOf(raw(text))).toEqual([`legalBasis.${key}: forbidden key`]);
  });

  it('__proto__ as a field of data', () => {
    const text = SHARE_REQUEST_JSON.replace('"name"', `"__proto__": {"polluted": true}, "name"`);
    expect(errorsOf(raw(text))).toEqual([`data.__proto__: forbidden key`]);
  });

  it('__proto__ deep inside data', () => {
    const text = SHARE_REQUEST_JSON.replace('"item"', `"__proto__": {"polluted": true}, "item"`);
    expect(errorsOf(raw(text))).toEqual([`data.grades: contains forbidden key "__proto__"`]);
  });

  // DESIGN §7: inside data they are ordinary (unclassified) field names, at any depth.
  it.each(['constructor', 'prototype'])('%s inside data is an ordinary key', (key) => {
    const text = SHARE_REQUEST_JSON.replace('"name"', `"${key}": {"${key}": 1}, "name"`).replace(
      '"item"',
      `"${key}": "x", "item"`,
    );
    const result = raw(text);
    expect(result.ok).toBe(true);
    expect(result.ok && Object.keys(result.value.data)).toContain(key);
    expect(result.ok && Object.hasOwn(result.value.data, key)).toBe(true);
  });

  it('inside array elements of other messages', () => {
    const recipient = RECIPIENT_JSON.replace('"type"', '"__proto__": {}, "type"');
    expect(errorsOf(parseRecipient(recipient))).toEqual([
      'transferMechanisms[0].__proto__: forbidden key',
    ]);
    const subject = SUBJECT_JSON.replace('"purpose"', '"constructor": {}, "purpose"');
    expect(errorsOf(parseSubjectProfile(subject))).toEqual([
      'consents[0].constructor: forbidden key',
    ]);
  });

  it('never pollutes a prototype, even when refused', () => {
    raw('{"__proto__": {"polluted": true}, "data": {"__proto__": {"polluted": true}}}');
    expect(({} as Message).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('are checked in already-parsed objects too', () => {
    const message = JSON.parse('{"__proto__": {"polluted": true}}');
    expect(errorsOf(checkJsonObject(message))).toEqual(['__proto__: forbidden key']);
  });
});

describe('error cap', () => {
  it('lists at most maxErrors lines (default 100), the last counting the rest', () => {
    const text = variant(RECIPIENT_JSON, (m) => {
      for (let i = 0; i < 250; i++) m[`extra${i}`] = i;
    });
    const errors = errorsOf(parseRecipient(text));
    expect(errors).toHaveLength(100);
    expect(errors[98]).toBe('extra98: unknown property');
    expect(errors[99]).toBe('(root): 151 more violations not listed');
    expect(errorsOf(parseRecipient(text, { maxErrors: 3 }))).toEqual([
      'extra0: unknown property',
      'extra1: unknown property',
      '(root): 248 more violations not listed',
    ]);
  });
});

describe('limits and parseJsonObject', () => {
  it.each([{ maxBytes: 0 }, { maxDepth: -1 }, { maxErrors: 1.5 }])(
    'a nonsensical limit %p is a programming error',
    (limits) => {
      expect(() => parseShareRequest(SHARE_REQUEST_JSON, limits)).toThrow(RangeError);
    },
  );

  it('parseJsonObject applies only the safety limits', () => {
    expect(parseJsonObject('{"anything": [1, {"b": null}]}')).toEqual({
      ok: true,
      value: { anything: [1, { b: null }] },
    });
    expect(errorsOf(parseJsonObject('{"a": {"__proto__": 1}}'))).toEqual([
      'a.__proto__: forbidden key',
    ]);
  });

  it('a parsed message is a fresh plain object', () => {
    const result = parseShareRequest(SHARE_REQUEST_JSON);
    expect(result.ok && Object.getPrototypeOf(result.value.data)).toBe(Object.prototype);
    expect(result.ok && result.value).toEqual(example(SHARE_REQUEST_JSON));
  });
});
