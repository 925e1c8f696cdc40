import type { QueryRepository } from '../../store/audit-store';
import type { EventCursor, EventFilter, StoredEvent } from '../../store/store.types';

const PAGE = 1000;

/**
 * Every event matching `filter`, page by page, up to `max`. Reports are about one subject or
 * one period, so they stay far below the cap; the cap keeps one request from exhausting memory.
 */
export async function allEvents(
  repository: QueryRepository,
  filter: EventFilter,
  max = 100_000,
): Promise<{ events: StoredEvent[]; truncated: boolean }> {
  const events: StoredEvent[] = [];
  let after: EventCursor | undefined;
  for (;;) {
    const page = await repository.findEvents(filter, { after, limit: PAGE });
    events.push(...page.items);
    if (page.next === null) return { events, truncated: false };
    if (events.length >= max) return { events: events.slice(0, max), truncated: true };
    after = page.next;
  }
}
