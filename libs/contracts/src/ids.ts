/**
 * Deterministic ids (DESIGN §6): the same input yields the same id, so a redelivered or
 * republished request produces the same shareId and eventId, and consumers can deduplicate.
 *
 * Encoding: `sh-` / `ev-` + lower-case RFC 4648 base32 (no padding) of the first 16 bytes of
 * SHA-256 over the canonical JSON of a tagged array, e.g. `["onward:share", requestId,
 * recipientId]`. A JSON array cannot be confused with another split of the same characters
 * (unlike `a + ":" + b`), and the tag keeps the three id spaces apart even for equal inputs.
 * 128 bits make an accidental collision negligible.
 */
import { createHash } from 'node:crypto';
import { base32 } from 'rfc4648';
import { canonicalJson } from './canonical-json';

/** What an audit event is about: a readable request, or an input record that was unreadable. */
export type EventSource =
  | { requestId: string; recipientId: string }
  | { topic: string; partition: number; offset: string | number | bigint }
  | { noticeId: string };

function derive(prefix: 'sh' | 'ev', parts: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(canonicalJson(parts), 'utf8').digest();
  return `${prefix}-${base32.stringify(digest.subarray(0, 16), { pad: false }).toLowerCase()}`;
}

/** The shareId of the share a request yields for a recipient: `sh-` + 26 base32 characters. */
export function shareIdFor(requestId: string, recipientId: string): string {
  return derive('sh', ['onward:share', requestId, recipientId]);
}

function offsetText(offset: string | number | bigint): string {
  const text = String(offset);
  // Kafka offsets are non-negative integers; kafkajs gives them as strings.
  if (!/^(0|[1-9]\d*)$/.test(text)) throw new RangeError('offset must be a non-negative integer');
  return text;
}

/**
 * The eventId of the audit event for an input record. For a request that parsed, it derives
 * from `{ requestId, recipientId }`, so a redelivery or a republication of the same logical
 * request gets the same eventId wherever it lands. For a record that could not be read (no
 * trustworthy requestId), it derives from `{ topic, partition, offset }`, which identify the
 * record itself and are stable across redeliveries.
 */
export function eventIdFor(source: EventSource): string {
  if ('noticeId' in source) return derive('ev', ['onward:notice', source.noticeId]);
  if ('requestId' in source) {
    return derive('ev', ['onward:request', source.requestId, source.recipientId]);
  }
  if (!Number.isSafeInteger(source.partition) || source.partition < 0) {
    throw new RangeError('partition must be a non-negative integer');
  }
  return derive('ev', ['onward:record', source.topic, source.partition, offsetText(source.offset)]);
}
