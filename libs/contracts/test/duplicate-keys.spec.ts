// Duplicate JSON keys are refused on every topic (issue 19): `JSON.parse` keeps the last one,
// so a Recipient saying "suspended" and then "active" would read as active.
import fc from 'fast-check';
import {
  parseJsonObject,
  parseRecipient,
  parseShareRequest,
  parseSubjectProfile,
} from '@app/contracts';
import { duplicateKeyErrors } from '../src/validation/duplicate-keys';
import { RECIPIENT_JSON, SHARE_REQUEST_JSON, SUBJECT_JSON } from './fixtures';

/** The text with `"name":value,` inserted right after its opening brace. */
const withFirst = (json: string, name: string, value: string) =>
  json.replace('{', `{${JSON.stringify(name)}:${value},`);

describe('duplicate keys', () => {
  it('refuses a repeated top-level key on every message type, whichever value comes last', () => {
    const recipient = withFirst(RECIPIENT_JSON, 'status', '"suspended"');
    expect(parseRecipient(recipient)).toEqual({
      ok: false,
      code: 'INVALID_MESSAGE',
      errors: ['status: duplicate key'],
    });
    expect(parseSubjectProfile(withFirst(SUBJECT_JSON, 'erased', 'true')).ok).toBe(false);
    expect(parseShareRequest(withFirst(SHARE_REQUEST_JSON, 'recipientId', '"x"')).ok).toBe(false);
  });

  it('finds them at any depth, arrays included, and names the path but below data only the field', () => {
    expect(duplicateKeyErrors('{"a":[{"b":1},{"b":1,"b":2}]}', 10)).toEqual([
      'a[1].b: duplicate key',
    ]);
    expect(duplicateKeyErrors('{"data":{"grades":[{"item":1,"item":2}]}}', 10)).toEqual([
      'data.grades: duplicate key',
    ]);
  });

  it('compares keys after unescaping and is not fooled by quotes, braces or colons in strings', () => {
    expect(duplicateKeyErrors('{"a":1,"\\u0061":2}', 10)).toEqual(['a: duplicate key']);
    expect(duplicateKeyErrors('{"a":"\\"a\\":{,","b":"a","c":["a","a"]}', 10)).toEqual([]);
    expect(duplicateKeyErrors('{"x\\\\":1,"y":{"x\\\\":2}}', 10)).toEqual([]);
  });

  it('accepts equal keys in different objects', () => {
    expect(parseJsonObject('{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}').ok).toBe(true);
  });

  it('agrees with a parse that counts keys, for any JSON object', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, dup) => {
        const text = JSON.stringify({ v: value });
        const input = dup ? text.replace('{', '{"v":0,') : text;
        expect(duplicateKeyErrors(input, 10).length > 0).toBe(dup);
      }),
    );
  });

  it('keeps the error list bounded', () => {
    const text = `{${Array.from({ length: 500 }, (_, i) => `"k${i}":1,"k${i}":2`).join(',')}}`;
    expect(parseJsonObject(text)).toMatchObject({ ok: false, code: 'INVALID_MESSAGE' });
    expect(duplicateKeyErrors(text, 100)).toHaveLength(100);
  });
});
