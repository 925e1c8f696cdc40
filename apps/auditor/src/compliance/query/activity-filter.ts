import type { EventFilter } from '../../store/store.types';
import { eventFilterOf, type EventFilterQuery } from './event-search.dto';

/** The period the charts show when none is asked for: the last 30 days, today included. */
export const DEFAULT_ACTIVITY_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The filter of the charts: the event search's filters; with neither `from` nor `to`, the
 * last {@link DEFAULT_ACTIVITY_DAYS} days up to the end of today.
 */
export function activityFilterOf(query: EventFilterQuery, now = new Date()): EventFilter {
  const filter = eventFilterOf(query);
  if (filter.fromMs === undefined && filter.toMs === undefined) {
    const endOfToday = Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
    filter.toMs = endOfToday;
    filter.fromMs = endOfToday - DEFAULT_ACTIVITY_DAYS * DAY_MS;
  }
  return filter;
}
