/**
 * What the auditor keeps of subject notices (DESIGN §7) and answers about them. Notices are
 * the `notice.sent` audit events the ingest already stores; acknowledgements are the records
 * of `<prefix>notice-acks.<recipientId>`, each kept with the verdict on its own form. Whether
 * an acknowledgement answers a notice sent to its recipient is decided when it is read (the
 * two topics are not ordered: an acknowledgement may be read before its notice).
 */
import type { NoticeAckStatus, NoticeCause, NoticeKind } from '@app/contracts';

/** Injection token of the {@link NoticeRepository}. */
export const NOTICE_REPOSITORY = Symbol('NOTICE_REPOSITORY');

/** Why an acknowledgement record was refused on its own (before any notice is looked at). */
export type AckRecordFault = 'INVALID_ACK' | 'KEY_MISMATCH';

/** One record of an acknowledgements topic, judged on its own form. */
export interface AckRecordWrite {
  topic: string;
  partition: number;
  offset: number;
  /** The recipient whose topic it was read from (the only one that may write there). */
  recipientId: string;
  timestampMs: number;
  /** The acknowledgement's fields; all null when the record is refused. */
  noticeId: string | null;
  status: NoticeAckStatus | null;
  note: string | null;
  at: string | null;
  /** Null: well formed. */
  fault: AckRecordFault | null;
  /** Paths and constraints of a refused record, never its values. */
  detail: string | null;
}

/** Where reading an acknowledgements partition resumes. */
export interface AckPartitionNext {
  topic: string;
  partition: number;
  nextOffset: number;
}

/**
 * What became of an acknowledgement: `accepted` (it answers a notice sent to its recipient),
 * `refused` (malformed, keyed wrongly, or naming a notice sent to someone else), `unmatched`
 * (well formed, but the auditor holds no such notice: not yet read, or never sent).
 */
export type AckState = 'accepted' | 'refused' | 'unmatched';

/** Why an acknowledgement was not accepted. */
export type AckRefusal = AckRecordFault | 'NOT_SENT_TO_RECIPIENT' | 'UNKNOWN_NOTICE';

/** One acknowledgement record as stored, with what became of it. */
export interface StoredAck {
  topic: string;
  partition: number;
  offset: number;
  recipientId: string;
  receivedAt: string;
  noticeId: string | null;
  status: NoticeAckStatus | null;
  note: string | null;
  at: string | null;
  state: AckState;
  reason: AckRefusal | null;
  detail: string | null;
}

/** A notice as its `notice.sent` audit event records it. */
export interface StoredNotice {
  noticeId: string;
  eventId: string;
  subjectId: string;
  recipientId: string;
  kind: NoticeKind;
  cause: NoticeCause;
  purposes: string[];
  categories: string[];
  noticedAt: string;
  partition: number;
  offset: number;
  seq: number;
}

/** A notice with the acknowledgements its recipient wrote for it, oldest first. */
export interface NoticeWithAcks extends StoredNotice {
  acks: StoredAck[];
}

/** Most rows one notice query returns; a longer answer says it was cut. */
export const NOTICE_QUERY_LIMIT = 10_000;

/** The notices kept and the acknowledgements read, behind SQLite and PostgreSQL alike. */
export interface NoticeRepository {
  /** The next offset of every acknowledgements partition read so far. */
  ackOffsets(): Promise<AckPartitionNext[]>;
  /**
   * Stores acknowledgement records (one already stored is left as it is) and moves the
   * partition's next offset forward (never back), in one transaction.
   */
  writeAcks(records: readonly AckRecordWrite[], next: AckPartitionNext): Promise<void>;
  /** A subject's notices, oldest first, each with its recipient's acknowledgements. */
  noticesOfSubject(subjectId: string, limit: number): Promise<NoticeWithAcks[]>;
  /**
   * Notices decided at or before `cutoffMs` that no `done` acknowledgement of their recipient
   * answers, oldest first, each with its recipient's acknowledgements (refusals included).
   */
  outstandingNotices(cutoffMs: number, limit: number): Promise<NoticeWithAcks[]>;
  /** Acknowledgements that were not accepted, oldest first. */
  unacceptedAcks(limit: number): Promise<StoredAck[]>;
}
