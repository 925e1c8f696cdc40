/**
 * Judges one record of an acknowledgements topic on its own: its recipient is the owner of the
 * topic it was read from (only that partner may write there), its value must be a NoticeAck
 * (DESIGN §7) and its key the acknowledged noticeId. Never throws: a hostile record becomes a
 * refused row with the reason, and the records after it are read as usual.
 */
import { isTopicSafeRecipientId, noticeAckTopicFor, parseNoticeAck } from '@app/contracts';
import type { AckRecordWrite } from './notice.types';

/** Most error lines kept of a refused record (paths and constraints only). */
const MAX_DETAIL_LINES = 5;

/** One record as read from Kafka. */
export interface AckRecordInput {
  topic: string;
  partition: number;
  offset: number;
  recipientId: string;
  timestampMs: number;
  key: Buffer | null;
  value: Buffer | null;
}

/** The recipient whose acknowledgements topic `topic` is, or null for any other topic. */
export function recipientOfAckTopic(prefix: string, topic: string): string | null {
  const head = `${prefix}notice-acks.`;
  if (!topic.startsWith(head)) return null;
  const recipientId = topic.slice(head.length);
  if (!isTopicSafeRecipientId(recipientId, prefix)) return null;
  try {
    return noticeAckTopicFor(prefix, recipientId) === topic ? recipientId : null;
  } catch {
    return null;
  }
}

/** The row to store for one acknowledgement record. */
export function judgeAckRecord(input: AckRecordInput): AckRecordWrite {
  const { key, value, ...where } = input;
  const refused = (fault: AckRecordWrite['fault'], detail: string): AckRecordWrite => ({
    ...where,
    noticeId: null,
    status: null,
    note: null,
    at: null,
    fault,
    detail,
  });
  if (value === null) return refused('INVALID_ACK', 'value: is required (a tombstone)');
  const parsed = parseNoticeAck(value);
  if (!parsed.ok) {
    const lines = parsed.errors.slice(0, MAX_DETAIL_LINES);
    return refused('INVALID_ACK', [parsed.code, ...lines].join('; '));
  }
  const ack = parsed.value;
  // PostgreSQL text cannot hold NUL: storing it would fail, and retry, forever.
  if (ack.note?.includes('\u0000')) return refused('INVALID_ACK', 'note: must not contain NUL');
  const row: AckRecordWrite = {
    ...where,
    noticeId: ack.noticeId,
    status: ack.status,
    note: ack.note ?? null,
    at: ack.at,
    fault: null,
    detail: null,
  };
  const expected = Buffer.from(ack.noticeId, 'utf8');
  // Compared as bytes, length first: a hostile key of any size is never decoded.
  if (key === null || key.length !== expected.length || !key.equals(expected)) {
    return { ...row, fault: 'KEY_MISMATCH', detail: 'key: must be the noticeId' };
  }
  return row;
}
