import { AUDIT_DECISIONS, type AuditDecision } from '@app/contracts';
import type { EventCursor, EventFilter } from '../../store/store.types';
import { decodeCursor } from './cursor';
import { instant, integer, oneOf, type ParamRule, Parsed, text } from './param-rules';

/** Page size of the event search when none is asked for, and the largest allowed. */
export const EVENT_PAGE = { default: 50, max: 500 } as const;

/** A cursor this search gave out. */
const cursor: ParamRule<EventCursor> = {
  name: 'cursor',
  message: 'is not a cursor of this search',
  parse: (value) => (value.length <= 200 ? (decodeCursor(value) ?? undefined) : undefined),
};

/**
 * The filters of the event search (and of the charts): every one narrows, absent ones do not.
 * `from` is inclusive and `to` exclusive, both on the gateway's `decidedAt`.
 */
export class EventFilterQuery {
  @Parsed(text()) subjectId?: string;
  @Parsed(text()) recipientId?: string;
  @Parsed(oneOf(AUDIT_DECISIONS)) decision?: AuditDecision;
  @Parsed(text(64)) reasonCode?: string;
  @Parsed(text(64)) purpose?: string;
  @Parsed(text(128)) category?: string;
  @Parsed(text(64)) transferBasis?: string;
  @Parsed(instant) from?: number;
  @Parsed(instant) to?: number;
}

/** `?from=&to=`: the home page's charts, the event search's period with no other filter. */
export class ChartPeriodQuery {
  @Parsed(instant) from?: number;
  @Parsed(instant) to?: number;
}

/** `GET /api/events`: the filters, a page size and the cursor of the page before. */
export class EventSearchQuery extends EventFilterQuery {
  @Parsed(integer(1, EVENT_PAGE.max)) limit: number = EVENT_PAGE.default;
  @Parsed(cursor) cursor?: EventCursor;
}

/** A parsed event search, as the search service takes it. */
export interface EventQuery {
  filter: EventFilter;
  after?: EventCursor;
  limit: number;
}

/** The store's filter: the given filters only. */
export function eventFilterOf(query: EventFilterQuery): EventFilter {
  return withoutUndefined({
    subjectId: query.subjectId,
    recipientId: query.recipientId,
    decision: query.decision,
    reasonCode: query.reasonCode,
    purpose: query.purpose,
    category: query.category,
    transferBasis: query.transferBasis,
    fromMs: query.from,
    toMs: query.to,
  });
}

/** The search: its filter, the position after which the page starts, its size. */
export function eventSearchOf(query: EventSearchQuery): EventQuery {
  return { filter: eventFilterOf(query), after: query.cursor, limit: query.limit };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
