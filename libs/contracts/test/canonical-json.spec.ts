import { createHash } from 'node:crypto';
import { canonicalJson, sha256Digest, sha256OfText } from '@app/contracts';

describe('canonicalJson (RFC 8785)', () => {
  it('RFC 8785 §3.2.2 example: whitespace, number and string serialisation', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('RFC 8785 §3.2.3 example: properties sorted by UTF-16 code units', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
        ' "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    // Read the order from the text: JSON.parse would move the integer-like key "1" first.
    const order = [...canonicalJson(input).matchAll(/"([^"]*)":/g)].map((m) => m[1]);
    expect(order).toEqual(['\\r', '1', '\u0080', 'ö', '€', '😀', '\ufb33']);
  });

  it('RFC 8785 appendix B: number serialisation', () => {
    const cases: [number, string][] = [
      [-0, '0'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [0.000001, '0.000001'],
      [9007199254740991, '9007199254740991'],
      [295147905179352830000, '295147905179352830000'],
      [5e-324, '5e-324'],
    ];
    for (const [value, text] of cases) expect(canonicalJson(value)).toBe(text);
  });

  it('does not depend on property order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a BigInt', BigInt(1)],
  ])('refuses %s, which has no JSON form', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('digests', () => {
  it('sha256OfText hashes UTF-8 (NIST "abc" vector, and a non-ASCII text)', () => {
    expect(sha256OfText('abc')).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const euro = createHash('sha256')
      .update(Buffer.from([0xe2, 0x82, 0xac]))
      .digest('hex');
    expect(sha256OfText('€')).toBe(`sha256:${euro}`);
  });

  it('sha256Digest hashes the canonical JSON, so property order does not matter', () => {
    expect(sha256Digest({ b: 1, a: 2 })).toBe(sha256OfText('{"a":2,"b":1}'));
    expect(sha256Digest({ a: 2, b: 1 })).toBe(sha256Digest({ b: 1, a: 2 }));
    expect(sha256Digest({ a: 1 })).not.toBe(sha256Digest({ a: 2 }));
    expect(sha256Digest([])).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
