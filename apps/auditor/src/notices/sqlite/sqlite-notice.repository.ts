import type Database from 'better-sqlite3';
import type { AuditEvent } from '@app/contracts';
import { ackOfRow, type AckRow, matchedCase, noticeOfEvent, withAcks } from '../notice-rows';
import type {
  AckPartitionNext,
  AckRecordWrite,
  NoticeRepository,
  NoticeWithAcks,
  StoredAck,
  StoredNotice,
} from '../notice.types';

const NOTICE_ID = "json_extract(n.doc, '$.notice.noticeId')";

const MATCHED = matchedCase(NOTICE_ID);

const ACK_COLUMNS = `a.topic, a.partition, a.offset, a.recipient_id, a.timestamp_ms, a.notice_id,
  a.status, a.note, a.acked_at, a.fault, a.detail, ${MATCHED} AS matched`;

interface NoticeRow {
  partition: number;
  offset: number;
  doc: string;
}

/** Notices and acknowledgements in the SQLite store (the auditor's own database file). */
export class SqliteNoticeRepository implements NoticeRepository {
  private readonly insertAck: Database.Statement;
  private readonly moveOffset: Database.Statement;
  private readonly ackBatch: (records: readonly AckRecordWrite[], next: AckPartitionNext) => void;

  constructor(private readonly db: Database.Database) {
    this.insertAck = db.prepare(
      `INSERT INTO notice_acks (topic, partition, offset, recipient_id, timestamp_ms, notice_id,
        status, note, acked_at, fault, detail)
      VALUES (@topic, @partition, @offset, @recipientId, @timestampMs, @noticeId, @status, @note,
        @at, @fault, @detail)
      ON CONFLICT DO NOTHING`,
    );
    this.moveOffset = db.prepare(
      `INSERT INTO notice_ack_partitions (topic, partition, next_offset)
      VALUES (@topic, @partition, @nextOffset)
      ON CONFLICT (topic, partition) DO UPDATE
        SET next_offset = max(next_offset, excluded.next_offset)`,
    );
    this.ackBatch = db.transaction((records, next) => {
      for (const record of records) this.insertAck.run(record);
      this.moveOffset.run(next);
    });
  }

  async ackOffsets(): Promise<AckPartitionNext[]> {
    const rows = this.db
      .prepare('SELECT topic, partition, next_offset FROM notice_ack_partitions')
      .all() as { topic: string; partition: number; next_offset: number }[];
    return rows.map((r) => ({ topic: r.topic, partition: r.partition, nextOffset: r.next_offset }));
  }

  async writeAcks(records: readonly AckRecordWrite[], next: AckPartitionNext): Promise<void> {
    this.ackBatch(records, next);
  }

  async noticesOfSubject(subjectId: string, limit: number): Promise<NoticeWithAcks[]> {
    const rows = this.db
      .prepare(
        `SELECT n.partition, n.offset, n.doc FROM audit_records n
        WHERE n.decision = 'notice' AND n.subject_id = ?
        ORDER BY n.decided_ms, n.partition, n.offset LIMIT ?`,
      )
      .all(subjectId, limit) as NoticeRow[];
    return this.attachAcks(notices(rows));
  }

  async outstandingNotices(cutoffMs: number, limit: number): Promise<NoticeWithAcks[]> {
    const rows = this.db
      .prepare(
        `SELECT n.partition, n.offset, n.doc FROM audit_records n
        WHERE n.decision = 'notice' AND n.decided_ms <= ?
          AND NOT EXISTS (SELECT 1 FROM notice_acks a
            WHERE a.notice_id = ${NOTICE_ID} AND a.recipient_id = n.recipient_id
              AND a.fault IS NULL AND a.status = 'done')
        ORDER BY n.recipient_id, n.decided_ms, n.partition, n.offset LIMIT ?`,
      )
      .all(cutoffMs, limit) as NoticeRow[];
    return this.attachAcks(notices(rows));
  }

  async unacceptedAcks(limit: number): Promise<StoredAck[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM (SELECT ${ACK_COLUMNS} FROM notice_acks a)
        WHERE fault IS NOT NULL OR matched < 2
        ORDER BY timestamp_ms, topic, partition, offset LIMIT ?`,
      )
      .all(limit) as AckRow[];
    return rows.map(ackOfRow);
  }

  private attachAcks(list: StoredNotice[]): NoticeWithAcks[] {
    const select = this.db.prepare(
      `SELECT ${ACK_COLUMNS} FROM notice_acks a WHERE a.notice_id = ? AND a.recipient_id = ?
      ORDER BY a.timestamp_ms, a.topic, a.partition, a.offset`,
    );
    // Each (notice, recipient) once, even if a tampered stream holds a notice event twice.
    const pairs = [...new Map(list.map((n) => [`${n.noticeId} ${n.recipientId}`, n])).values()];
    const acks = pairs.flatMap((n) =>
      (select.all(n.noticeId, n.recipientId) as AckRow[]).map(ackOfRow),
    );
    return withAcks(list, acks);
  }
}

function notices(rows: NoticeRow[]): StoredNotice[] {
  return rows
    .map((r) => noticeOfEvent(r.partition, r.offset, JSON.parse(r.doc) as AuditEvent))
    .filter((n): n is StoredNotice => n !== null);
}
