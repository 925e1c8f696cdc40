import type { EventCursor, EventFilter } from '../store.types';

/** A WHERE clause over the `audit_events e` view and its positional parameters. */
export interface PgWhere {
  sql: string;
  values: (string | number | boolean)[];
}

/**
 * Translates an event filter (and a cursor) into SQL over the `audit_events` view. Values
 * only ever travel as bound parameters; the clause text is built from this file's constants.
 */
export function eventWhere(filter: EventFilter, after?: EventCursor): PgWhere {
  const clauses = ['true'];
  const values: (string | number | boolean)[] = [];
  const bind = (value: string | number | boolean): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const equal = (column: string, value: string | boolean | undefined): void => {
    if (value !== undefined) clauses.push(`e.${column} = ${bind(value)}`);
  };
  equal('subject_id', filter.subjectId);
  equal('recipient_id', filter.recipientId);
  equal('decision', filter.decision);
  equal('purpose', filter.purpose);
  equal('direct_marketing', filter.directMarketing);
  if (filter.category !== undefined) {
    clauses.push(`${bind(filter.category)} = ANY(e.categories_shared)`);
  }
  if (filter.transferBasis !== undefined) {
    clauses.push(`e.transfer_mechanism->>'basis' = ${bind(filter.transferBasis)}`);
  }
  if (filter.reasonCode !== undefined) {
    clauses.push(`e.reason_codes @> ARRAY[${bind(filter.reasonCode)}]::text[]`);
  }
  if (filter.fromMs !== undefined) clauses.push(`e.decided_ms >= ${bind(filter.fromMs)}`);
  if (filter.toMs !== undefined) clauses.push(`e.decided_ms < ${bind(filter.toMs)}`);
  if (after) {
    clauses.push(
      `(e.decided_ms, e.partition, e.record_offset) > ` +
        `(${bind(after.decidedMs)}, ${bind(after.partition)}, ${bind(after.offset)})`,
    );
  }
  return { sql: clauses.join(' AND '), values };
}
