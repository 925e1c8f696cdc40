import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { orBadRequest, sendCsv } from '../api/query-result';
import { periodFileName, sendXlsx } from '../api/report-format';
import { SessionGuard } from '../auth/session.guard';
import { KnownParams } from '../query/known-params.pipe';
import { parsePeriod } from '../query/report-query';
import { DataMapService } from '../reports/data-map.service';
import { processingRecordCsv } from '../reports/processing-record.columns';
import { ProcessingRecordService } from '../reports/processing-record.service';
import { processingRecordXlsx } from '../reports/processing-record.xlsx';
import { LoginRequiredFilter } from './login-required.filter';
import { sendPage, stringQuery } from './page-response';
import { dataMapView } from './views/data-map.view';
import { processingRecordView } from './views/processing-record.view';

type Q = Record<string, unknown>;

/** The page's record of processing (with its downloads) and data map. */
@Controller('ui')
@UseGuards(SessionGuard)
@UseFilters(LoginRequiredFilter)
export class ProcessingPageController {
  constructor(
    private readonly processing: ProcessingRecordService,
    private readonly dataMap: DataMapService,
  ) {}

  @Get('processing-record')
  async processingRecord(
    @Query(new KnownParams('from', 'to')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const period = parsePeriod(query);
    const report = period.ok ? await this.processing.report(period.value) : null;
    const errors = period.ok ? [] : period.errors;
    sendPage(res, period.ok ? 200 : 400, processingRecordView(stringQuery(query), report, errors));
  }

  @Get('data-map')
  async map(@Query(new KnownParams('from', 'to')) query: Q, @Res() res: Response): Promise<void> {
    const period = parsePeriod(query);
    const map = period.ok ? await this.dataMap.map(period.value) : null;
    const errors = period.ok ? [] : period.errors;
    sendPage(res, period.ok ? 200 : 400, dataMapView(stringQuery(query), map, errors));
  }

  @Get('reports/processing-record.csv')
  async csv(@Query(new KnownParams('from', 'to')) query: Q, @Res() res: Response): Promise<void> {
    const report = await this.processing.report(orBadRequest(parsePeriod(query)));
    sendCsv(res, periodFileName('processing-record', report, 'csv'), processingRecordCsv(report));
  }

  @Get('reports/processing-record.xlsx')
  async xlsx(@Query(new KnownParams('from', 'to')) query: Q, @Res() res: Response): Promise<void> {
    const report = await this.processing.report(orBadRequest(parsePeriod(query)));
    const name = periodFileName('processing-record', report, 'xlsx');
    sendXlsx(res, name, await processingRecordXlsx(report));
  }
}
