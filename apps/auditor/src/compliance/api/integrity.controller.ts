import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ONWARD_LOGGER } from '@app/runtime';
import type { Logger } from 'pino';
import type { StoredAlert } from '../../store/store.types';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import type { RawQuery } from '../query/query-params';
import { finish, QueryReader } from '../query/query-params';
import { type IntegrityReport, IntegrityService } from '../reports/integrity.service';
import { orBadRequest } from './query-result';
import { KnownParams } from '../query/known-params.pipe';

/** The integrity of the audit stream and its alerts. */
@Controller('api/integrity')
@UseGuards(BearerAuthGuard)
export class IntegrityController {
  constructor(
    private readonly integrity: IntegrityService,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
  ) {}

  /** Per partition: events verified, the last verified seq and hash, open alerts. */
  @Get()
  report(): Promise<IntegrityReport> {
    return this.integrity.report();
  }

  /** `?state=open|all` (default open). */
  @Get('alerts')
  alerts(@Query(new KnownParams('state')) query: RawQuery): Promise<StoredAlert[]> {
    const read = new QueryReader(query);
    const state = read.oneOf('state', ['open', 'all'] as const) ?? 'open';
    return this.integrity.alerts(orBadRequest(finish(read, () => state)) === 'open');
  }

  /** Acknowledges an alert: it leaves the open list and its partition turns green. */
  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: unknown,
  ): Promise<StoredAlert> {
    const read = new QueryReader(typeof body === 'object' && body !== null ? { ...body } : {});
    const note = read.text('note', 500) ?? null;
    orBadRequest(finish(read, () => note));
    const alert = await this.integrity.acknowledge(id, note);
    if (alert === null) throw new NotFoundException(`no alert ${id}`);
    this.logger.info({ alertId: id, partition: alert.partition }, 'integrity alert acknowledged');
    return alert;
  }
}
