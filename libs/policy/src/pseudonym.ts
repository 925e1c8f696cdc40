import { createHmac } from 'node:crypto';
import { base32 } from 'rfc4648';

/** A pseudonymisation key: a UTF-8 string or raw bytes, from configuration, never the policy. */
export type PseudonymKey = string | Uint8Array;

/**
 * The research pseudonym of a subject for a recipient: `ps_` + lower-case RFC 4648 base32
 * (no padding; 20 bytes need none) of the first 20 bytes of
 * HMAC-SHA256(key, recipientId + ":" + subjectId). Stable per recipient, unlinkable across
 * recipients without the key.
 */
export function pseudonymise(key: PseudonymKey, recipientId: string, subjectId: string): string {
  if (key === undefined || key === null || key.length === 0) {
    throw new TypeError('pseudonymisation needs a non-empty key (configuration: pseudonymKey)');
  }
  const mac = createHmac('sha256', key).update(`${recipientId}:${subjectId}`, 'utf8').digest();
  return `ps_${base32.stringify(mac.subarray(0, 20), { pad: false }).toLowerCase()}`;
}
