import type { Pool } from 'pg';
import type { DailyActivity, EventFilter, ReasonTally, ShareGroup } from '../store.types';
import { eventWhere } from './event-filter.pg';

/**
 * The report aggregates of the PostgreSQL store: GROUP BY over the matching events of the
 * `audit_events` view, so a report reads a few rows per recipient, day or reason instead of
 * every event of its period. Texts compare in the C collation, as in SQLite.
 */
export async function shareGroups(pool: Pool, filter: EventFilter): Promise<ShareGroup[]> {
  const where = eventWhere(filter);
  const { rows } = await pool.query<
    Omit<ShareGroup, 'transfer'> & {
      basis: string | null;
      country: string | null;
      reference: string | null;
      regime: string | null;
    }
  >(
    `SELECT e.recipient_id AS "recipientId", e.purpose, e.decision,
      e.doc -> 'categoriesShared' AS categories,
      e.transfer_mechanism ->> 'basis' AS basis,
      e.transfer_mechanism ->> 'country' AS country,
      e.transfer_mechanism ->> 'reference' AS reference,
      e.transfer_mechanism ->> 'regime' AS regime,
      (SELECT max(v.valid_from_ms) FROM recipient_versions v
        WHERE v.recipient_id = e.recipient_id AND v.valid_from_ms <= e.decided_ms)
        AS registered_from_ms,
      count(*)::integer AS count, min(e.decided_ms) AS "firstMs", max(e.decided_ms) AS "lastMs",
      min(e.doc ->> 'decidedAt' COLLATE "C") AS "firstAt",
      max(e.doc ->> 'decidedAt' COLLATE "C") AS "lastAt"
    FROM audit_events e WHERE ${where.sql}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    where.values,
  );
  return rows.map(({ basis, country, reference, regime, ...row }) => ({
    recipientId: row.recipientId,
    purpose: row.purpose,
    decision: row.decision,
    categories: row.categories,
    transfer: basis === null ? null : { basis, country, reference, regime },
    count: row.count,
    firstMs: row.firstMs,
    lastMs: row.lastMs,
    firstAt: row.firstAt,
    lastAt: row.lastAt,
  }));
}

export async function dailyActivity(pool: Pool, filter: EventFilter): Promise<DailyActivity[]> {
  const where = eventWhere(filter);
  const { rows } = await pool.query<DailyActivity>(
    `SELECT substr(e.doc ->> 'decidedAt', 1, 10) AS day, e.partition, e.decision,
      count(*)::integer AS count, max(e.seq) AS "maxSeq",
      min(e.decided_ms) AS "firstMs", max(e.decided_ms) AS "lastMs"
    FROM audit_events e WHERE ${where.sql}
    GROUP BY 1, 2, 3`,
    where.values,
  );
  return rows;
}

/** The code of the first reason of `e` (x: its reasons, numbered n) matching `when`. */
const reasonCode = (when: string): string =>
  `(SELECT x.value ->> 'code' FROM jsonb_array_elements(e.doc -> 'reasons')
      WITH ORDINALITY x(value, n)
    WHERE ${when} ORDER BY x.n LIMIT 1)`;

export async function reasonTallies(
  pool: Pool,
  filter: EventFilter,
): Promise<{ primaryDenialReasons: ReasonTally[]; withheldFieldReasons: ReasonTally[] }> {
  const where = eventWhere(filter);
  const denials = await pool.query<ReasonTally>(
    `SELECT COALESCE(e.doc -> 'reasons' -> 0 ->> 'code', 'UNSTATED') AS reason,
      count(*)::integer AS count
    FROM audit_events e WHERE ${where.sql} AND e.decision = 'deny' GROUP BY 1`,
    where.values,
  );
  const withheld = await pool.query<ReasonTally>(
    `SELECT COALESCE(${reasonCode(`x.value ->> 'field' = f.field`)},
        ${reasonCode(`NOT (x.value ? 'field')`)}, 'UNSTATED') AS reason,
      count(*)::integer AS count
    FROM audit_events e
    CROSS JOIN LATERAL jsonb_array_elements_text(e.doc -> 'fieldsWithheld') f(field)
    WHERE ${where.sql} GROUP BY 1`,
    where.values,
  );
  return { primaryDenialReasons: denials.rows, withheldFieldReasons: withheld.rows };
}
