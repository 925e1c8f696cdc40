/**
 * Record keys (DESIGN §2: "Keys are UTF-8 strings"). Every key of an input topic is an id
 * (subjectId, recipientId), so it has the id's bound; a key is read before its value and
 * before anything hashes it, so a hostile key is refused here, cheaply, by its byte length.
 */
import { isUtf8 } from 'node:buffer';
import { BOUNDS } from './messages/bounds';

/**
 * Largest accepted record key, in bytes: an id of `BOUNDS.id` code points of up to 4 UTF-8
 * bytes each. kafkajs' murmur2 is super-linear in key length (tens of seconds at 256 KiB),
 * so a key over this bound is never hashed nor decoded.
 */
export const MAX_KEY_BYTES = BOUNDS.id * 4;

/** A key that can be compared with an id: a string, or null when the record has no key. */
export type KeyResult =
  | { ok: true; key: string | null }
  | { ok: false; code: 'MESSAGE_TOO_LARGE' | 'KEY_MISMATCH'; error: string };

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Decodes a record key strictly: at most `MAX_KEY_BYTES` bytes of valid UTF-8 (a string key:
 * no lone surrogate). The error names the bound only, never the key. A null key is returned as null (a tombstone's owner or
 * a mismatch is the caller's call).
 */
export function decodeRecordKey(key: Buffer | string | null | undefined): KeyResult {
  if (key === null || key === undefined) return { ok: true, key: null };
  const bytes = typeof key === 'string' ? Buffer.byteLength(key, 'utf8') : key.length;
  if (bytes > MAX_KEY_BYTES) {
    return {
      ok: false,
      code: 'MESSAGE_TOO_LARGE',
      error: `(key): larger than ${MAX_KEY_BYTES} bytes`,
    };
  }
  // Buffer#toString would replace bad sequences with U+FFFD: two different keys could then
  // compare equal to one id, so a key is held to the same strict UTF-8 as a value. Such a key
  // can never be an id, hence KEY_MISMATCH.
  const valid = typeof key === 'string' ? !LONE_SURROGATE.test(key) : isUtf8(key);
  if (!valid) return { ok: false, code: 'KEY_MISMATCH', error: '(key): not valid UTF-8' };
  return { ok: true, key: typeof key === 'string' ? key : key.toString('utf8') };
}
