import type Database from 'better-sqlite3';
import type { DailyActivity, EventFilter, ReasonTally, ShareGroup } from '../store.types';
import { eventWhere } from './event-filter.sql';

/**
 * The report aggregates of the SQLite store: GROUP BY over the matching events, so a report
 * reads a few rows per recipient, day or reason instead of every event of its period.
 */
export function shareGroups(db: Database.Database, filter: EventFilter): ShareGroup[] {
  const where = eventWhere(filter);
  const rows = db
    .prepare(
      `SELECT r.recipient_id AS recipientId, r.purpose AS purpose, r.decision AS decision,
        json_extract(r.doc, '$.categoriesShared') AS categories,
        json_extract(r.doc, '$.transferMechanism.basis') AS basis,
        json_extract(r.doc, '$.transferMechanism.country') AS country,
        json_extract(r.doc, '$.transferMechanism.reference') AS reference,
        json_extract(r.doc, '$.transferMechanism.regime') AS regime,
        (SELECT MAX(v.valid_from_ms) FROM recipient_versions v
          WHERE v.recipient_id = r.recipient_id AND v.valid_from_ms <= r.decided_ms)
          AS registeredFromMs,
        COUNT(*) AS count, MIN(r.decided_ms) AS firstMs, MAX(r.decided_ms) AS lastMs,
        MIN(json_extract(r.doc, '$.decidedAt')) AS firstAt,
        MAX(json_extract(r.doc, '$.decidedAt')) AS lastAt
      FROM audit_records r WHERE ${where.sql}
      GROUP BY recipientId, purpose, decision, categories, basis, country, reference, regime,
        registeredFromMs`,
    )
    .all(where.params) as (Omit<ShareGroup, 'categories' | 'transfer'> & {
    categories: string;
    basis: string | null;
    country: string | null;
    reference: string | null;
    regime: string | null;
  })[];
  return rows.map(({ categories, basis, country, reference, regime, ...row }) => ({
    recipientId: row.recipientId,
    purpose: row.purpose,
    decision: row.decision,
    categories: JSON.parse(categories) as string[],
    transfer: basis === null ? null : { basis, country, reference, regime },
    count: row.count,
    firstMs: row.firstMs,
    lastMs: row.lastMs,
    firstAt: row.firstAt,
    lastAt: row.lastAt,
  }));
}

export function dailyActivity(db: Database.Database, filter: EventFilter): DailyActivity[] {
  const where = eventWhere(filter);
  return db
    .prepare(
      `SELECT substr(json_extract(r.doc, '$.decidedAt'), 1, 10) AS day,
        r.partition AS partition, r.decision AS decision, COUNT(*) AS count,
        MAX(r.seq) AS maxSeq, MIN(r.decided_ms) AS firstMs, MAX(r.decided_ms) AS lastMs
      FROM audit_records r WHERE ${where.sql}
      GROUP BY day, r.partition, r.decision`,
    )
    .all(where.params) as DailyActivity[];
}

/** The code of the first reason of `r` (a row of json_each over its reasons) matching `when`. */
const reasonCode = (when: string): string =>
  `(SELECT json_extract(x.value, '$.code') FROM json_each(r.doc, '$.reasons') x
    WHERE ${when} ORDER BY x.key LIMIT 1)`;

export function reasonTallies(
  db: Database.Database,
  filter: EventFilter,
): { primaryDenialReasons: ReasonTally[]; withheldFieldReasons: ReasonTally[] } {
  const where = eventWhere(filter);
  const primaryDenialReasons = db
    .prepare(
      `SELECT COALESCE(json_extract(r.doc, '$.reasons[0].code'), 'UNSTATED') AS reason,
        COUNT(*) AS count
      FROM audit_records r WHERE ${where.sql} AND r.decision = 'deny' GROUP BY reason`,
    )
    .all(where.params) as ReasonTally[];
  const withheldFieldReasons = db
    .prepare(
      `SELECT COALESCE(${reasonCode(`json_extract(x.value, '$.field') = f.value`)},
          ${reasonCode(`json_type(x.value, '$.field') IS NULL`)}, 'UNSTATED') AS reason,
        COUNT(*) AS count
      FROM audit_records r, json_each(r.doc, '$.fieldsWithheld') f
      WHERE ${where.sql} GROUP BY reason`,
    )
    .all(where.params) as ReasonTally[];
  return { primaryDenialReasons, withheldFieldReasons };
}
