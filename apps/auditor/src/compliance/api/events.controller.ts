import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { parseEventQuery } from '../query/event-query';
import type { RawQuery } from '../query/query-params';
import { EventSearchService, type EventSearchPage } from '../reports/event-search.service';
import { orBadRequest } from './query-result';

/** `GET /api/events`: the audit events, filtered, a page at a time. */
@Controller('api/events')
@UseGuards(BearerAuthGuard)
export class EventsController {
  constructor(private readonly search: EventSearchService) {}

  @Get()
  find(@Query() query: RawQuery): Promise<EventSearchPage> {
    return this.search.search(orBadRequest(parseEventQuery(query)));
  }
}
