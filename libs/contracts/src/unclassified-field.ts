/**
 * How an audit event names a data field the policy does not classify. Such a name is whatever
 * a producer sent, personal data included (`"ssn 078-05-1120 of victim@example.org"`), and the
 * audit trail is hash-chained and kept forever, so the name is never written verbatim: it is
 * written as `unclassified:hmac-sha256:<64 hex>`, a keyed digest of its UTF-8 bytes.
 *
 * Keyed, not a plain SHA-256: a plain digest of a short value (a phone number, an SSN) is
 * reversed by trying every candidate. The key is derived from the gateway's pseudonym key
 * with a label of its own, so a token never equals a pseudonym. Equal names give equal tokens
 * (one deployment, one key), so reviewers can still count and follow one unknown field.
 */
import { createHmac } from 'node:crypto';

/** The prefix of every unclassified field token. */
export const UNCLASSIFIED_FIELD_PREFIX = 'unclassified:hmac-sha256:';

const TOKEN = /^unclassified:hmac-sha256:[0-9a-f]{64}$/;
const KEY_LABEL = 'onward:unclassified-field-name';

/** The key that tokens are made with, derived from the deployment's pseudonym key. */
export function unclassifiedFieldKey(pseudonymKey: Buffer): Buffer {
  return createHmac('sha256', pseudonymKey).update(KEY_LABEL, 'utf8').digest();
}

/** The token standing for the unclassified field name `name` under `key`. */
export function unclassifiedFieldToken(name: string, key: Buffer): string {
  return UNCLASSIFIED_FIELD_PREFIX + createHmac('sha256', key).update(name, 'utf8').digest('hex');
}

/** True when `field`, as found in an audit event, is an unclassified field token. */
export function isUnclassifiedFieldToken(field: string): boolean {
  return TOKEN.test(field);
}
