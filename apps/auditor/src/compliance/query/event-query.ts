import { AUDIT_DECISIONS } from '@app/contracts';
import type { EventCursor, EventFilter } from '../../store/store.types';
import { decodeCursor } from './cursor';
import { finish, type ParsedQuery, QueryReader, type RawQuery } from './query-params';

/** Page size of the event search when none is asked for, and the largest allowed. */
export const EVENT_PAGE = { default: 50, max: 500 } as const;

/** A parsed event search. */
export interface EventQuery {
  filter: EventFilter;
  after?: EventCursor;
  limit: number;
}

/**
 * Reads `subjectId, recipientId, decision, reasonCode, purpose, category, transferBasis, from,
 * to, limit, cursor`.
 * `from` is inclusive and `to` exclusive, both on the gateway's `decidedAt`.
 */
export function parseEventQuery(query: RawQuery): ParsedQuery<EventQuery> {
  const read = new QueryReader(query);
  const filter: EventFilter = {
    subjectId: read.text('subjectId'),
    recipientId: read.text('recipientId'),
    decision: read.oneOf('decision', AUDIT_DECISIONS),
    reasonCode: read.text('reasonCode', 64),
    purpose: read.text('purpose', 64),
    category: read.text('category', 128),
    transferBasis: read.text('transferBasis', 64),
    fromMs: read.instant('from'),
    toMs: read.instant('to'),
  };
  const limit = read.integer('limit', 1, EVENT_PAGE.max) ?? EVENT_PAGE.default;
  const cursorText = read.text('cursor', 200);
  const after = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (after === null) read.errors.push('cursor: is not a cursor of this search');
  return finish(read, () => ({
    filter: withoutUndefined(filter),
    after: after ?? undefined,
    limit,
  }));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
