/** Rows of either database as the notice types: one mapping, so both stores answer alike. */
import type { AuditEvent, NoticeAckStatus } from '@app/contracts';
import type {
  AckRecordFault,
  AckRefusal,
  AckState,
  NoticeWithAcks,
  StoredAck,
  StoredNotice,
} from './notice.types';

/** A stored `notice.sent` event as a notice; null for an event that records no notice. */
export function noticeOfEvent(partition: number, offset: number, event: AuditEvent) {
  const notice = event.notice;
  if (!notice || event.subjectId === null || event.recipientId === null) return null;
  const stored: StoredNotice = {
    noticeId: notice.noticeId,
    eventId: event.eventId,
    subjectId: event.subjectId,
    recipientId: event.recipientId,
    kind: notice.kind,
    cause: notice.cause,
    purposes: notice.purposes,
    categories: event.categoriesShared,
    noticedAt: event.decidedAt,
    partition,
    offset,
    seq: event.seq,
  };
  return stored;
}

/** An acknowledgement row as both stores select it (`matched`: which notice it names). */
export interface AckRow {
  topic: string;
  partition: number;
  offset: number;
  recipient_id: string;
  timestamp_ms: number;
  notice_id: string | null;
  status: string | null;
  note: string | null;
  acked_at: string | null;
  fault: string | null;
  detail: string | null;
  /** 2: a notice sent to this recipient; 1: a notice sent to another; 0: no notice known. */
  matched: number;
}

/** What became of an acknowledgement, from its own fault and the notice it names. */
export function ackOfRow(row: AckRow): StoredAck {
  let state: AckState = 'accepted';
  let reason: AckRefusal | null = null;
  if (row.fault !== null) [state, reason] = ['refused', row.fault as AckRecordFault];
  else if (row.matched === 1) [state, reason] = ['refused', 'NOT_SENT_TO_RECIPIENT'];
  else if (row.matched === 0) [state, reason] = ['unmatched', 'UNKNOWN_NOTICE'];
  return {
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    recipientId: row.recipient_id,
    receivedAt: new Date(row.timestamp_ms).toISOString(),
    noticeId: row.notice_id,
    status: row.status as NoticeAckStatus | null,
    note: row.note,
    at: row.acked_at,
    state,
    reason,
    detail: row.detail,
  };
}

/** Notices with the acknowledgements naming each (from its own recipient), in notice order. */
export function withAcks(notices: StoredNotice[], acks: StoredAck[]): NoticeWithAcks[] {
  const byNotice = new Map<string, StoredAck[]>();
  for (const ack of acks) {
    const key = `${ack.noticeId}\u0000${ack.recipientId}`;
    byNotice.set(key, [...(byNotice.get(key) ?? []), ack]);
  }
  return notices.map((n) => ({
    ...n,
    acks: byNotice.get(`${n.noticeId}\u0000${n.recipientId}`) ?? [],
  }));
}

/**
 * SQL for how an acknowledgement row `a` matches the stored notices `n`: 2 when the notice was
 * sent to the acknowledging recipient, 1 when only to another, 0 when none is known.
 * `noticeIdSql` reads a notice event's noticeId in the store's own JSON dialect.
 */
export function matchedCase(noticeIdSql: string): string {
  return `CASE
  WHEN EXISTS (SELECT 1 FROM audit_records n WHERE n.decision = 'notice'
    AND ${noticeIdSql} = a.notice_id AND n.recipient_id = a.recipient_id) THEN 2
  WHEN EXISTS (SELECT 1 FROM audit_records n WHERE n.decision = 'notice'
    AND ${noticeIdSql} = a.notice_id) THEN 1
  ELSE 0 END`;
}
