/**
 * Canonical JSON (RFC 8785, JCS) and the SHA-256 digests built on it: the policy digest, the
 * payload digest of a Share and the audit chain all hash canonical JSON so that key order or
 * number formatting can never change a digest.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** A digest as written on the wire: `sha256:` and 64 lower-case hex digits. */
export type Sha256Digest = `sha256:${string}`;

/**
 * The RFC 8785 canonical form of `value`. Throws TypeError when `value` has no JSON form
 * (`undefined`, a function, a BigInt, NaN or Infinity): hashing "something else" instead would
 * make a digest silently meaningless.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw new TypeError('value has no canonical JSON form', { cause });
  }
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}

/** `sha256:` + hex SHA-256 of `text` encoded as UTF-8. */
export function sha256OfText(text: string): Sha256Digest {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** `sha256:` + hex SHA-256 of the canonical JSON of `value`. */
export function sha256Digest(value: unknown): Sha256Digest {
  return sha256OfText(canonicalJson(value));
}
