import { createHash } from 'node:crypto';

/**
 * A bounded, value-free name for a record key in logs and /health: a short SHA-256 digest and
 * the key's length. Keys are subject and recipient ids from untrusted producers and may be
 * huge or personal; the offset and partition next to the digest find the record itself.
 */
export function keyDigest(key: Buffer | string | null): string {
  if (key === null) return 'null';
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `sha256:${digest}/${bytes.length}B`;
}
