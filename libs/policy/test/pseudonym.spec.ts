import { createHmac } from 'node:crypto';
import { decide, preparePseudonymKey, pseudonymise } from '@app/policy';
import { KEY, NOW, POLICY, setup } from './support/setup';

/** RFC 4648 base32, written out here so the vector does not depend on the engine's encoder. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

const expected = (key: string | Buffer, recipientId: string, subjectId: string) =>
  'ps_' +
  base32(
    createHmac('sha256', key).update(`${recipientId}:${subjectId}`).digest().subarray(0, 20),
  ).toLowerCase();

describe('pseudonymisation', () => {
  it('matches a vector computed independently', () => {
    const ref = pseudonymise('k3y', 'univ-stanford', 'learner-42');
    expect(ref).toBe(expected('k3y', 'univ-stanford', 'learner-42'));
    expect(ref).toMatch(/^ps_[a-z2-7]{32}$/);
  });

  it('matches a recorded vector (Python hmac + base64.b32encode; lower case, no padding)', () => {
    expect(pseudonymise('onward-test-key', 'univ-stanford', 'learner-42')).toBe(
      'ps_5mnz3kvevvet6h4td3ukbxrfk42lfe2k',
    );
  });

  it('accepts a byte key', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(pseudonymise(new Uint8Array(key), 'r', 's')).toBe(expected(key, 'r', 's'));
  });

  it('gives the same pseudonyms with a key prepared once, from text or bytes', () => {
    const bytes = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    expect(
      pseudonymise(preparePseudonymKey('onward-test-key'), 'univ-stanford', 'learner-42'),
    ).toBe('ps_5mnz3kvevvet6h4td3ukbxrfk42lfe2k');
    expect(pseudonymise(preparePseudonymKey(new Uint8Array(bytes)), 'r', 's')).toBe(
      expected(bytes, 'r', 's'),
    );
    const prepared = preparePseudonymKey(KEY);
    expect(preparePseudonymKey(prepared)).toBe(prepared);
    expect(
      decide(POLICY, setup({ kind: 'university_partner' }).input, new Date(NOW), {
        pseudonymKey: prepared,
      }).subjectRef,
    ).toBe(expected(KEY, 'university_partner-1', 'learner-42'));
  });

  it('refuses to prepare an empty key', () => {
    expect(() => preparePseudonymKey('')).toThrow(TypeError);
    expect(() => preparePseudonymKey(new Uint8Array(0))).toThrow(/key/);
  });

  it('is stable per recipient and differs across recipients and keys', () => {
    expect(pseudonymise(KEY, 'a', 's')).toBe(pseudonymise(KEY, 'a', 's'));
    expect(pseudonymise(KEY, 'a', 's')).not.toBe(pseudonymise(KEY, 'b', 's'));
    expect(pseudonymise(KEY, 'a', 's')).not.toBe(pseudonymise('other', 'a', 's'));
  });

  it('research shares carry the pseudonym; other shares carry the subjectId', () => {
    const research = setup({ kind: 'university_partner' }).decision;
    expect(research.subjectRef).toBe(expected(KEY, 'university_partner-1', 'learner-42'));
    expect(
      setup({ kind: 'business_partner', request: { purpose: 'research', data: { grades: 1 } } })
        .decision.subjectRef,
    ).toBe(expected(KEY, 'business_partner-1', 'learner-42'));
    expect(setup({ kind: 'business_partner' }).decision.subjectRef).toBe('learner-42');
    expect(setup({ kind: 'instructor' }).decision.subjectRef).toBe('learner-42');
  });

  it('refuses to pseudonymise without a key', () => {
    const { input } = setup({ kind: 'university_partner' });
    expect(() => decide(POLICY, input, new Date(NOW))).toThrow(TypeError);
    expect(() => decide(POLICY, input, new Date(NOW), { pseudonymKey: '' })).toThrow(/key/);
  });

  it('needs no key when nothing is pseudonymised', () => {
    const { input } = setup({ kind: 'instructor' });
    expect(decide(POLICY, input, new Date(NOW)).decision).toBe('allow');
  });
});
