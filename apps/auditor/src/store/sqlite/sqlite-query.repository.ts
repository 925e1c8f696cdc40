import type Database from 'better-sqlite3';
import type { AuditEvent, ChainAlertKind, Recipient } from '@app/contracts';
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
import { eventWhere } from './event-filter.sql';
import { dailyActivity, reasonTallies, shareGroups } from './sqlite-report-aggregates';

interface EventRow {
  partition: number;
  offset: number;
  decided_ms: number;
  doc: string;
  alert_kinds: string | null;
}

interface AlertRow {
  id: number;
  partition: number;
  seq: number;
  offset: number | null;
  kind: ChainAlertKind;
  detail: string;
  detected_at: string;
  acknowledged_at: string | null;
  acknowledgement_note: string | null;
}

interface PartitionRow {
  partition: number;
  next_offset: number;
  tip_seq: number | null;
  tip_hash: string | null;
  tip_offset: number | null;
  records: number;
  events: number;
  open_alerts: number;
}

/** The query side of the SQLite store. */
export class SqliteQueryRepository implements QueryRepository {
  constructor(private readonly db: Database.Database) {}

  async findEvents(
    filter: EventFilter,
    page: { after?: EventCursor; limit: number },
  ): Promise<EventPage> {
    const where = eventWhere(filter, page.after);
    const rows = this.db
      .prepare(
        `SELECT r.partition, r.offset, r.decided_ms, r.doc,
          (SELECT group_concat(DISTINCT a.kind) FROM integrity_alerts a
            WHERE a.partition = r.partition AND a.offset = r.offset) AS alert_kinds
        FROM audit_records r WHERE ${where.sql}
        ORDER BY r.decided_ms, r.partition, r.offset LIMIT @limit`,
      )
      .all({ ...where.params, limit: page.limit + 1 }) as EventRow[];
    const items = rows.slice(0, page.limit).map((row) => ({
      partition: row.partition,
      offset: row.offset,
      event: JSON.parse(row.doc) as AuditEvent,
      alertKinds: row.alert_kinds ? (row.alert_kinds.split(',').sort() as ChainAlertKind[]) : [],
    }));
    const last = rows[page.limit - 1];
    const next =
      rows.length > page.limit
        ? { decidedMs: last.decided_ms, partition: last.partition, offset: last.offset }
        : null;
    return { items, next };
  }

  async recipientHistory(recipientIds: readonly string[]): Promise<RecipientVersion[]> {
    if (recipientIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT v.* FROM recipient_versions v
        WHERE v.recipient_id IN (SELECT value FROM json_each(?))
        ORDER BY v.recipient_id, v.valid_from_ms, v.partition, v.offset`,
      )
      .all(JSON.stringify([...new Set(recipientIds)])) as {
      recipient_id: string;
      partition: number;
      offset: number;
      valid_from_ms: number;
      doc: string | null;
    }[];
    return rows.map((row) => ({
      recipientId: row.recipient_id,
      partition: row.partition,
      offset: row.offset,
      validFromMs: row.valid_from_ms,
      recipient: row.doc === null ? null : (JSON.parse(row.doc) as Recipient),
    }));
  }

  async countDecisions(range: { fromMs?: number; toMs?: number }): Promise<DecisionCount[]> {
    const where = eventWhere({ fromMs: range.fromMs, toMs: range.toMs });
    return this.db
      .prepare(
        `SELECT r.recipient_id AS recipientId, r.purpose, r.decision, COUNT(*) AS count
        FROM audit_records r WHERE ${where.sql}
        GROUP BY r.recipient_id, r.purpose, r.decision
        ORDER BY r.recipient_id, r.purpose, r.decision`,
      )
      .all(where.params) as DecisionCount[];
  }

  async shareGroups(filter: EventFilter): Promise<ShareGroup[]> {
    return shareGroups(this.db, filter);
  }

  async dailyActivity(filter: EventFilter): Promise<DailyActivity[]> {
    return dailyActivity(this.db, filter);
  }

  async reasonTallies(
    filter: EventFilter,
  ): Promise<{ primaryDenialReasons: ReasonTally[]; withheldFieldReasons: ReasonTally[] }> {
    return reasonTallies(this.db, filter);
  }

  async partitionStates(): Promise<PartitionState[]> {
    const rows = this.db
      .prepare(
        `SELECT p.*,
          (SELECT COUNT(*) FROM audit_records r WHERE r.partition = p.partition) AS records,
          (SELECT COUNT(*) FROM audit_records r
            WHERE r.partition = p.partition AND r.parsed = 1) AS events,
          (SELECT COUNT(*) FROM integrity_alerts a
            WHERE a.partition = p.partition AND a.acknowledged_at IS NULL) AS open_alerts
        FROM audit_partitions p ORDER BY p.partition`,
      )
      .all() as PartitionRow[];
    return rows.map((row) => ({
      partition: row.partition,
      records: row.records,
      events: row.events,
      nextOffset: row.next_offset,
      openAlerts: row.open_alerts,
      tip:
        row.tip_seq === null || row.tip_hash === null
          ? null
          : { seq: row.tip_seq, hash: row.tip_hash, offset: row.tip_offset },
    }));
  }

  async alerts(filter: { open?: boolean }): Promise<StoredAlert[]> {
    const open = filter.open ? 'WHERE acknowledged_at IS NULL' : '';
    const rows = this.db
      .prepare(`SELECT * FROM integrity_alerts ${open} ORDER BY partition, id`)
      .all() as AlertRow[];
    return rows.map(alertOf);
  }

  async acknowledgeAlert(id: number, note: string | null, at: string): Promise<StoredAlert | null> {
    this.db
      .prepare(
        `UPDATE integrity_alerts SET acknowledged_at = ?, acknowledgement_note = ?
        WHERE id = ? AND acknowledged_at IS NULL`,
      )
      .run(at, note, id);
    const row = this.db.prepare('SELECT * FROM integrity_alerts WHERE id = ?').get(id) as
      AlertRow | undefined;
    return row ? alertOf(row) : null;
  }
}

function alertOf(row: AlertRow): StoredAlert {
  return {
    id: row.id,
    partition: row.partition,
    seq: row.seq,
    offset: row.offset,
    kind: row.kind,
    detail: row.detail,
    detectedAt: row.detected_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgementNote: row.acknowledgement_note,
  };
}
