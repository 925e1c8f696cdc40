/**
 * Canonical JSON (RFC 8785, JCS) and the SHA-256 digests built on it: the policy digest, the
 * payload digest of a Share and the audit chain all hash canonical JSON so that key order or
 * number formatting can never change a digest.
 *
 * RFC 8785 serialises numbers and strings exactly as ECMAScript's `JSON.stringify` does; what
 * it adds is the property order (sorted by UTF-16 code units). So the canonical form is
 * `JSON.stringify` of the value with every object's keys in that order: objects already in
 * order (those the gateway builds, by construction) are used as they are, others are copied
 * sorted. V8 always enumerates array-index keys ("0", "17") first, whatever their insertion
 * order, so a value holding one is handed to the reference implementation (`canonicalize`).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** A digest as written on the wire: `sha256:` and 64 lower-case hex digits. */
export type Sha256Digest = `sha256:${string}`;

/** Thrown inside `ordered` when a key V8 would reorder is found: use the reference instead. */
const INDEX_KEY = Symbol('array-index key');
const MAX_INDEX = 4294967294;

function isIndexKey(key: string): boolean {
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) <= MAX_INDEX;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] >= keys[i]) return false;
  return true;
}

/** `value` with every object's keys in RFC 8785 order; the same reference where it already is. */
function ordered(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('value has no canonical JSON form');
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return ordered(json.call(value));
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = ordered(value[i]);
      if (item !== value[i] && copy === null) copy = value.slice(0, i);
      if (copy !== null) copy.push(item);
    }
    return copy ?? value;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  for (const key of keys) if (isIndexKey(key)) throw INDEX_KEY;
  const sorted = isSorted(keys);
  const out: Record<string, unknown> = {};
  let changed = !sorted;
  for (const key of sorted ? keys : keys.sort()) {
    const item = ordered(source[key]);
    if (item !== source[key]) changed = true;
    out[key] = item;
  }
  return changed ? out : value;
}

/**
 * The RFC 8785 canonical form of `value`. Throws TypeError when `value` has no JSON form
 * (`undefined`, a function, a BigInt, NaN or Infinity): hashing "something else" instead would
 * make a digest silently meaningless.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(ordered(value));
  } catch (cause) {
    if (cause !== INDEX_KEY) throw new TypeError('value has no canonical JSON form', { cause });
    text = referenceCanonicalJson(value);
  }
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}

function referenceCanonicalJson(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch (cause) {
    throw new TypeError('value has no canonical JSON form', { cause });
  }
}

/** `sha256:` + hex SHA-256 of `text` encoded as UTF-8. */
export function sha256OfText(text: string): Sha256Digest {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** `sha256:` + hex SHA-256 of the canonical JSON of `value`. */
export function sha256Digest(value: unknown): Sha256Digest {
  return sha256OfText(canonicalJson(value));
}
