import type { EventFilter } from '../../store/store.types';
import { parseEventQuery } from './event-query';
import type { ParsedQuery, RawQuery } from './query-params';

/** The period the charts show when none is asked for: the last 30 days, today included. */
export const DEFAULT_ACTIVITY_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The filter of the charts: the event search's filters (no cursor, no page size); with
 * neither `from` nor `to`, the last {@link DEFAULT_ACTIVITY_DAYS} days up to the end of today.
 */
export function parseActivityQuery(query: RawQuery, now = new Date()): ParsedQuery<EventFilter> {
  const parsed = parseEventQuery({ ...query, cursor: undefined, limit: undefined });
  if (!parsed.ok) return parsed;
  const filter = { ...parsed.value.filter };
  if (filter.fromMs === undefined && filter.toMs === undefined) {
    const endOfToday = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
    filter.toMs = endOfToday;
    filter.fromMs = endOfToday - DEFAULT_ACTIVITY_DAYS * DAY_MS;
  }
  return { ok: true, value: filter };
}

/** The parameters of the activity report: the event search's filters. */
export const ACTIVITY_PARAMS = [
  'subjectId',
  'recipientId',
  'decision',
  'reasonCode',
  'purpose',
  'category',
  'transferBasis',
  'from',
  'to',
] as const;
