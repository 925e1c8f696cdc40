import type { AuditEvent } from '@app/contracts';
import type { Pool } from 'pg';
import { ackOfRow, type AckRow, matchedCase, noticeOfEvent, withAcks } from '../notice-rows';
import type {
  AckPartitionNext,
  AckRecordWrite,
  NoticeRepository,
  NoticeWithAcks,
  StoredAck,
  StoredNotice,
} from '../notice.types';

const NOTICE_ID = "(n.doc -> 'notice' ->> 'noticeId')";

const MATCHED = matchedCase(NOTICE_ID);

const ACK_COLUMNS = `a.topic, a.partition, a.record_offset AS "offset", a.recipient_id,
  a.timestamp_ms, a.notice_id, a.status, a.note, a.acked_at, a.fault, a.detail,
  ${MATCHED} AS matched`;

const ACK_ORDER = 'a.timestamp_ms, a.topic COLLATE "C", a.partition, a.record_offset';

interface NoticeRow {
  partition: number;
  record_offset: number;
  doc: AuditEvent;
}

/**
 * Notices and acknowledgements in the PostgreSQL store. Several auditors may read the same
 * acknowledgements: rows are inserted once and offsets only move forward. Text sorts use the
 * C collation, the byte order SQLite uses, so both stores answer in the same order.
 */
export class PostgresNoticeRepository implements NoticeRepository {
  constructor(private readonly pool: Pool) {}

  async ackOffsets(): Promise<AckPartitionNext[]> {
    const { rows } = await this.pool.query<{ topic: string; partition: number; next: number }>(
      'SELECT topic, partition, next_offset AS next FROM notice_ack_partitions',
    );
    return rows.map((r) => ({ topic: r.topic, partition: r.partition, nextOffset: r.next }));
  }

  async writeAcks(records: readonly AckRecordWrite[], next: AckPartitionNext): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO notice_acks (topic, partition, record_offset, recipient_id, timestamp_ms,
          notice_id, status, note, acked_at, fault, detail)
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(topic text, partition integer,
          "offset" bigint, "recipientId" text, "timestampMs" bigint, "noticeId" text,
          status text, note text, at text, fault text, detail text)
        ON CONFLICT DO NOTHING`,
        [JSON.stringify(records)],
      );
      await client.query(
        `INSERT INTO notice_ack_partitions (topic, partition, next_offset) VALUES ($1, $2, $3)
        ON CONFLICT (topic, partition) DO UPDATE
          SET next_offset = greatest(notice_ack_partitions.next_offset, excluded.next_offset)`,
        [next.topic, next.partition, next.nextOffset],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async noticesOfSubject(subjectId: string, limit: number): Promise<NoticeWithAcks[]> {
    const { rows } = await this.pool.query<NoticeRow>(
      `SELECT n.partition, n.record_offset, n.doc FROM audit_records n
      WHERE n.decision = 'notice' AND n.subject_id = $1
      ORDER BY n.decided_ms, n.partition, n.record_offset LIMIT $2`,
      [subjectId, limit],
    );
    return this.attachAcks(notices(rows));
  }

  async outstandingNotices(cutoffMs: number, limit: number): Promise<NoticeWithAcks[]> {
    const { rows } = await this.pool.query<NoticeRow>(
      `SELECT n.partition, n.record_offset, n.doc FROM audit_records n
      WHERE n.decision = 'notice' AND n.decided_ms <= $1
        AND NOT EXISTS (SELECT 1 FROM notice_acks a
          WHERE a.notice_id = ${NOTICE_ID} AND a.recipient_id = n.recipient_id
            AND a.fault IS NULL AND a.status = 'done')
      ORDER BY n.recipient_id COLLATE "C", n.decided_ms, n.partition, n.record_offset
      LIMIT $2`,
      [cutoffMs, limit],
    );
    return this.attachAcks(notices(rows));
  }

  async unacceptedAcks(limit: number): Promise<StoredAck[]> {
    const { rows } = await this.pool.query<AckRow>(
      `SELECT ${ACK_COLUMNS} FROM notice_acks a
      WHERE a.fault IS NOT NULL OR ${MATCHED} < 2 ORDER BY ${ACK_ORDER} LIMIT $1`,
      [limit],
    );
    return rows.map(ackOfRow);
  }

  private async attachAcks(list: StoredNotice[]): Promise<NoticeWithAcks[]> {
    if (list.length === 0) return [];
    // Each (notice, recipient) once, even if a tampered stream holds a notice event twice.
    const pairs = [...new Map(list.map((n) => [`${n.noticeId} ${n.recipientId}`, n])).values()];
    const { rows } = await this.pool.query<AckRow>(
      `SELECT ${ACK_COLUMNS} FROM notice_acks a
      JOIN unnest($1::text[], $2::text[]) AS w(notice_id, recipient_id)
        ON a.notice_id = w.notice_id AND a.recipient_id = w.recipient_id
      ORDER BY ${ACK_ORDER}`,
      [pairs.map((n) => n.noticeId), pairs.map((n) => n.recipientId)],
    );
    return withAcks(list, rows.map(ackOfRow));
  }
}

function notices(rows: NoticeRow[]): StoredNotice[] {
  return rows
    .map((r) => noticeOfEvent(r.partition, r.record_offset, r.doc))
    .filter((n): n is StoredNotice => n !== null);
}
