import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { EventSearchQuery, eventSearchOf } from '../query/event-search.dto';
import { validated } from '../query/validation.pipe';
import { EventSearchService, type EventSearchPage } from '../reports/event-search.service';

/** `GET /api/events`: the audit events, filtered, a page at a time. */
@Controller('api/events')
@UseGuards(BearerAuthGuard)
export class EventsController {
  constructor(private readonly search: EventSearchService) {}

  @Get()
  find(@Query(validated) query: EventSearchQuery): Promise<EventSearchPage> {
    return this.search.search(eventSearchOf(query));
  }
}
