import { createHash } from 'node:crypto';
import { base32 } from 'rfc4648';
import { canonicalJson } from '../canonical-json';

/**
 * Where a subject change was read: the record of `privacy.subjects` that carried it. A
 * redelivery of the same record is the same change, so it yields the same notice ids.
 */
export interface SubjectChangeRef {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The noticeId of the notice one subject change sends one recipient: `nt-` + 26 lower-case
 * base32 characters of SHA-256 over a tagged canonical array (as `shareIdFor` does).
 */
export function noticeIdFor(change: SubjectChangeRef, recipientId: string): string {
  const parts = ['onward:notice', change.topic, change.partition, change.offset, recipientId];
  const digest = createHash('sha256').update(canonicalJson(parts), 'utf8').digest();
  return `nt-${base32.stringify(digest.subarray(0, 16), { pad: false }).toLowerCase()}`;
}
