// Record keys are ids: bounded and strict UTF-8, like values (issue 19).
import { decodeRecordKey, MAX_KEY_BYTES } from '@app/contracts';

describe('decodeRecordKey', () => {
  it('accepts an id of up to 128 four-byte code points, and no key at all', () => {
    const longest = '𝒜'.repeat(128);
    expect(Buffer.byteLength(longest)).toBe(MAX_KEY_BYTES);
    expect(decodeRecordKey(Buffer.from(longest))).toEqual({ ok: true, key: longest });
    expect(decodeRecordKey(null)).toEqual({ ok: true, key: null });
  });

  it('refuses a longer key by its size, without reading it', () => {
    expect(decodeRecordKey(Buffer.alloc(256 * 1024, 0x6b))).toEqual({
      ok: false,
      code: 'MESSAGE_TOO_LARGE',
      error: `(key): larger than ${MAX_KEY_BYTES} bytes`,
    });
  });

  it('refuses a key that is not valid UTF-8 instead of decoding it to U+FFFD', () => {
    const key = Buffer.concat([Buffer.from('learner-1'), Buffer.from([0xff])]);
    expect(decodeRecordKey(key)).toEqual({
      ok: false,
      code: 'KEY_MISMATCH',
      error: '(key): not valid UTF-8',
    });
    expect(decodeRecordKey('a\ud800').ok).toBe(false);
  });
});
