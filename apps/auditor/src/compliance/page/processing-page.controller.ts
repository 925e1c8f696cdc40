import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { sendCsv } from '../api/csv-download';
import { periodFileName, sendXlsx } from '../api/report-format';
import { SessionGuard } from '../auth/session.guard';
import { PeriodQuery, periodOf } from '../query/period.dto';
import { validated } from '../query/validation.pipe';
import { DataMapService } from '../reports/data-map.service';
import { processingRecordCsv } from '../reports/processing-record.columns';
import { ProcessingRecordService } from '../reports/processing-record.service';
import { processingRecordXlsx } from '../reports/processing-record.xlsx';
import { LoginRequiredFilter } from './login-required.filter';
import { type PageQuery, PageQueryPipe } from './page-query.pipe';
import { sendPage } from './page-response';
import { dataMapView } from './views/data-map.view';
import { processingRecordView } from './views/processing-record.view';

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
    @Query(new PageQueryPipe(PeriodQuery)) query: PageQuery<PeriodQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { value, form, errors } = query;
    const report = value === null ? null : await this.processing.report(periodOf(value));
    sendPage(res, value === null ? 400 : 200, processingRecordView(form, report, errors));
  }

  @Get('data-map')
  async map(
    @Query(new PageQueryPipe(PeriodQuery)) query: PageQuery<PeriodQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { value, form, errors } = query;
    const map = value === null ? null : await this.dataMap.map(periodOf(value));
    sendPage(res, value === null ? 400 : 200, dataMapView(form, map, errors));
  }

  @Get('reports/processing-record.csv')
  async csv(@Query(validated) query: PeriodQuery, @Res() res: Response): Promise<void> {
    const report = await this.processing.report(periodOf(query));
    sendCsv(res, periodFileName('processing-record', report, 'csv'), processingRecordCsv(report));
  }

  @Get('reports/processing-record.xlsx')
  async xlsx(@Query(validated) query: PeriodQuery, @Res() res: Response): Promise<void> {
    const report = await this.processing.report(periodOf(query));
    const name = periodFileName('processing-record', report, 'xlsx');
    sendXlsx(res, name, await processingRecordXlsx(report));
  }
}
