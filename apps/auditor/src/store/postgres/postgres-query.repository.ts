import type { AuditEvent, ChainAlertKind, Recipient } from '@app/contracts';
import type { Pool } from 'pg';
import type { QueryRepository } from '../audit-store';
import type {
  DailyActivity,
  DecisionCount,
  EventCursor,
  EventFilter,
  EventPage,
  PartitionState,
  ReasonTally,
  RecipientVersion,
  ShareGroup,
  StoredAlert,
} from '../store.types';
import { eventWhere } from './event-filter.pg';
import { dailyActivity, reasonTallies, shareGroups } from './postgres-report-aggregates';

interface AlertRow {
  id: number;
  partition: number;
  seq: number;
  record_offset: number | null;
  kind: ChainAlertKind;
  detail: string;
  detected_at: Date;
  acknowledged_at: Date | null;
  acknowledgement_note: string | null;
}

/**
 * The query side of the PostgreSQL store. It reads the documented views (`audit_events`,
 * `recipient_registrations`, `partition_integrity`) that analysts query too. Text sorts use
 * the C collation, the byte order SQLite uses, so both stores answer in the same order.
 */
export class PostgresQueryRepository implements QueryRepository {
  constructor(private readonly pool: Pool) {}

  async findEvents(
    filter: EventFilter,
    page: { after?: EventCursor; limit: number },
  ): Promise<EventPage> {
    const where = eventWhere(filter, page.after);
    const { rows } = await this.pool.query<{
      partition: number;
      record_offset: number;
      decided_ms: number;
      doc: AuditEvent;
      alert_kinds: ChainAlertKind[];
    }>(
      `SELECT e.partition, e.record_offset, e.decided_ms, e.doc, e.alert_kinds
      FROM audit_events e WHERE ${where.sql}
      ORDER BY e.decided_ms, e.partition, e.record_offset LIMIT ${page.limit + 1}`,
      where.values,
    );
    const items = rows.slice(0, page.limit).map((row) => ({
      partition: row.partition,
      offset: row.record_offset,
      event: row.doc,
      alertKinds: row.alert_kinds,
    }));
    const last = rows[page.limit - 1];
    const next =
      rows.length > page.limit
        ? { decidedMs: last.decided_ms, partition: last.partition, offset: last.record_offset }
        : null;
    return { items, next };
  }

  async recipientHistory(recipientIds: readonly string[]): Promise<RecipientVersion[]> {
    if (recipientIds.length === 0) return [];
    const { rows } = await this.pool.query<{
      recipient_id: string;
      partition: number;
      record_offset: number;
      valid_from_ms: number;
      doc: Recipient | null;
    }>(
      `SELECT recipient_id, partition, record_offset, valid_from_ms, doc
      FROM recipient_registrations WHERE recipient_id = ANY($1::text[])
      ORDER BY recipient_id COLLATE "C", valid_from_ms, partition, record_offset`,
      [[...new Set(recipientIds)]],
    );
    return rows.map((row) => ({
      recipientId: row.recipient_id,
      partition: row.partition,
      offset: row.record_offset,
      validFromMs: row.valid_from_ms,
      recipient: row.doc,
    }));
  }

  async countDecisions(range: { fromMs?: number; toMs?: number }): Promise<DecisionCount[]> {
    const where = eventWhere({ fromMs: range.fromMs, toMs: range.toMs });
    const { rows } = await this.pool.query<DecisionCount>(
      `SELECT e.recipient_id AS "recipientId", e.purpose, e.decision, count(*)::integer AS count
      FROM audit_events e WHERE ${where.sql}
      GROUP BY e.recipient_id, e.purpose, e.decision
      ORDER BY e.recipient_id COLLATE "C" NULLS FIRST, e.purpose COLLATE "C" NULLS FIRST,
        e.decision COLLATE "C"`,
      where.values,
    );
    return rows;
  }

  shareGroups(filter: EventFilter): Promise<ShareGroup[]> {
    return shareGroups(this.pool, filter);
  }

  dailyActivity(filter: EventFilter): Promise<DailyActivity[]> {
    return dailyActivity(this.pool, filter);
  }

  reasonTallies(
    filter: EventFilter,
  ): Promise<{ primaryDenialReasons: ReasonTally[]; withheldFieldReasons: ReasonTally[] }> {
    return reasonTallies(this.pool, filter);
  }

  async partitionStates(): Promise<PartitionState[]> {
    const { rows } = await this.pool.query<{
      partition: number;
      records_read: number;
      events_verified: number;
      last_verified_seq: number | null;
      last_verified_hash: string | null;
      last_verified_offset: number | null;
      next_offset: number;
      open_alerts: number;
    }>('SELECT * FROM partition_integrity ORDER BY partition');
    return rows.map((row) => ({
      partition: row.partition,
      records: row.records_read,
      events: row.events_verified,
      nextOffset: row.next_offset,
      openAlerts: row.open_alerts,
      tip:
        row.last_verified_seq === null || row.last_verified_hash === null
          ? null
          : {
              seq: row.last_verified_seq,
              hash: row.last_verified_hash,
              offset: row.last_verified_offset,
            },
    }));
  }

  async alerts(filter: { open?: boolean }): Promise<StoredAlert[]> {
    const open = filter.open ? 'WHERE acknowledged_at IS NULL' : '';
    const { rows } = await this.pool.query<AlertRow>(
      `SELECT * FROM integrity_alerts ${open} ORDER BY partition, id`,
    );
    return rows.map(alertOf);
  }

  async acknowledgeAlert(id: number, note: string | null, at: string): Promise<StoredAlert | null> {
    await this.pool.query(
      `UPDATE integrity_alerts SET acknowledged_at = $1, acknowledgement_note = $2
      WHERE id = $3 AND acknowledged_at IS NULL`,
      [at, note, id],
    );
    const { rows } = await this.pool.query<AlertRow>(
      'SELECT * FROM integrity_alerts WHERE id = $1',
      [id],
    );
    return rows.length === 0 ? null : alertOf(rows[0]);
  }
}

function alertOf(row: AlertRow): StoredAlert {
  return {
    id: row.id,
    partition: row.partition,
    seq: row.seq,
    offset: row.record_offset,
    kind: row.kind,
    detail: row.detail,
    detectedAt: row.detected_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgementNote: row.acknowledgement_note,
  };
}
