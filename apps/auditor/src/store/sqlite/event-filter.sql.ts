import type { EventCursor, EventFilter } from '../store.types';

/** A WHERE clause over `audit_records r` and its named parameters. */
export interface SqlWhere {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * Translates an event filter (and a cursor) into SQL. Values only ever travel as bound
 * parameters; the clause text is built from this file's constants alone.
 */
export function eventWhere(filter: EventFilter, after?: EventCursor): SqlWhere {
  const clauses = ['r.parsed = 1'];
  const params: Record<string, string | number> = {};
  const equal = (column: string, name: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    clauses.push(`r.${column} = @${name}`);
    params[name] = value;
  };
  equal('subject_id', 'subjectId', filter.subjectId);
  equal('recipient_id', 'recipientId', filter.recipientId);
  equal('decision', 'decision', filter.decision);
  equal('purpose', 'purpose', filter.purpose);
  if (filter.directMarketing !== undefined) {
    equal('direct_marketing', 'directMarketing', filter.directMarketing ? 1 : 0);
  }
  if (filter.category !== undefined) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(r.doc, '$.categoriesShared') c
      WHERE c.value = @category)`);
    params.category = filter.category;
  }
  if (filter.transferBasis !== undefined) {
    clauses.push(`json_extract(r.doc, '$.transferMechanism.basis') = @transferBasis`);
    params.transferBasis = filter.transferBasis;
  }
  if (filter.reasonCode !== undefined) {
    clauses.push(`EXISTS (SELECT 1 FROM audit_reasons x WHERE x.partition = r.partition
      AND x.offset = r.offset AND x.code = @reasonCode)`);
    params.reasonCode = filter.reasonCode;
  }
  if (filter.fromMs !== undefined) {
    clauses.push('r.decided_ms >= @fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    clauses.push('r.decided_ms < @toMs');
    params.toMs = filter.toMs;
  }
  if (after) {
    clauses.push(
      '(r.decided_ms, r.partition, r.offset) > (@afterMs, @afterPartition, @afterOffset)',
    );
    Object.assign(params, {
      afterMs: after.decidedMs,
      afterPartition: after.partition,
      afterOffset: after.offset,
    });
  }
  return { sql: clauses.join(' AND '), params };
}
