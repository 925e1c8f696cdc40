import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent, ChainAlertKind } from '@app/contracts';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import { encodeCursor } from '../query/cursor';
import type { EventQuery } from '../query/event-search.dto';

/** One event in a search result: the event as written, and where and how it was read. */
export interface EventHit {
  partition: number;
  offset: number;
  integrityAlerts: ChainAlertKind[];
  event: AuditEvent;
}

/** One page of a search. */
export interface EventSearchPage {
  items: EventHit[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The event search of the compliance API and page. */
@Injectable()
export class EventSearchService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async search(query: EventQuery): Promise<EventSearchPage> {
    const page = await this.repository.findEvents(query.filter, {
      after: query.after,
      limit: query.limit,
    });
    return {
      items: page.items.map(({ partition, offset, alertKinds, event }) => ({
        partition,
        offset,
        integrityAlerts: alertKinds,
        event,
      })),
      nextCursor: page.next === null ? null : encodeCursor(page.next),
    };
  }
}
