import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { parseEventQuery } from '../query/event-query';
import type { RawQuery } from '../query/query-params';
import { EventSearchService, type EventSearchPage } from '../reports/event-search.service';
import { orBadRequest } from './query-result';
import { EVENT_PARAMS, KnownParams } from '../query/known-params.pipe';

/** `GET /api/events`: the audit events, filtered, a page at a time. */
@Controller('api/events')
@UseGuards(BearerAuthGuard)
export class EventsController {
  constructor(private readonly search: EventSearchService) {}

  @Get()
  find(@Query(new KnownParams(...EVENT_PARAMS)) query: RawQuery): Promise<EventSearchPage> {
    return this.search.search(orBadRequest(parseEventQuery(query)));
  }
}
