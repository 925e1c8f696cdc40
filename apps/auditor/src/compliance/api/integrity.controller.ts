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
import { validated } from '../query/validation.pipe';
import { type IntegrityReport, IntegrityService } from '../reports/integrity.service';
import { AcknowledgeBody, AlertsQuery } from './integrity.dto';

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
  alerts(@Query(validated) query: AlertsQuery): Promise<StoredAlert[]> {
    return this.integrity.alerts(query.state === 'open');
  }

  /** Acknowledges an alert: it leaves the open list and its partition turns green. */
  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @Param('id', ParseIntPipe) id: number,
    @Body(validated) body: AcknowledgeBody,
  ): Promise<StoredAlert> {
    const alert = await this.integrity.acknowledge(id, body.note ?? null);
    if (alert === null) throw new NotFoundException(`no alert ${id}`);
    this.logger.info({ alertId: id, partition: alert.partition }, 'integrity alert acknowledged');
    return alert;
  }
}
