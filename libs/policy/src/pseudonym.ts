import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import { base32 } from 'rfc4648';

/**
 * A pseudonymisation key: a UTF-8 string or raw bytes, from configuration, never the policy;
 * or the secret KeyObject {@link preparePseudonymKey} makes of one, which spares every HMAC
 * the key's preparation (a copy and a native key object per call otherwise).
 */
export type PseudonymKey = string | Uint8Array | KeyObject;

/**
 * The key as a secret KeyObject, made once by a caller that pseudonymises many times. The
 * pseudonyms it gives are byte-identical to those of the string or bytes it was made from.
 */
export function preparePseudonymKey(key: PseudonymKey): KeyObject {
  if (key instanceof KeyObject) return requireKey(key);
  requireKey(key);
  return typeof key === 'string' ? createSecretKey(key, 'utf8') : createSecretKey(key);
}

/**
 * The research pseudonym of a subject for a recipient: `ps_` + lower-case RFC 4648 base32
 * (no padding; 20 bytes need none) of the first 20 bytes of
 * HMAC-SHA256(key, recipientId + ":" + subjectId). Stable per recipient, unlinkable across
 * recipients without the key.
 */
export function pseudonymise(key: PseudonymKey, recipientId: string, subjectId: string): string {
  const mac = createHmac('sha256', requireKey(key))
    .update(`${recipientId}:${subjectId}`, 'utf8')
    .digest();
  return `ps_${base32.stringify(mac.subarray(0, 20), { pad: false }).toLowerCase()}`;
}

function requireKey<K extends PseudonymKey>(key: K): K {
  const size = key instanceof KeyObject ? (key.symmetricKeySize ?? 0) : key?.length;
  if (key === undefined || key === null || !size) {
    throw new TypeError('pseudonymisation needs a non-empty key (configuration: pseudonymKey)');
  }
  return key;
}
