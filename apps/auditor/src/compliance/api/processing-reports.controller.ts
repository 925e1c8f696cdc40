import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { ACTIVITY_PARAMS, parseActivityQuery } from '../query/activity-query';
import { KnownParams } from '../query/known-params.pipe';
import type { RawQuery } from '../query/query-params';
import { parsePeriod } from '../query/report-query';
import { type ActivityReport, ActivityService } from '../reports/activity.service';
import { type DataMap, DataMapService } from '../reports/data-map.service';
import { processingRecordCsv } from '../reports/processing-record.columns';
import {
  type ProcessingRecord,
  ProcessingRecordService,
} from '../reports/processing-record.service';
import { processingRecordXlsx } from '../reports/processing-record.xlsx';
import { orBadRequest, sendCsv } from './query-result';
import { periodFileName, reportFormat, sendXlsx } from './report-format';

/** What compliance sees at a glance: the record of processing, the data map, the charts. */
@Controller('api/reports')
@UseGuards(BearerAuthGuard)
export class ProcessingReportsController {
  constructor(
    private readonly processing: ProcessingRecordService,
    private readonly dataMap: DataMapService,
    private readonly activity: ActivityService,
  ) {}

  /** `?from=&to=&format=json|csv|xlsx`: GDPR Art. 30(1)(d)–(e) records of processing. */
  @Get('processing-record')
  async processingRecord(
    @Query(new KnownParams('from', 'to', 'format')) query: RawQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProcessingRecord | void> {
    const format = reportFormat(query.format, ['json', 'csv', 'xlsx']);
    const report = await this.processing.report(orBadRequest(parsePeriod(query)));
    if (format === 'json') return report;
    const name = periodFileName('processing-record', report, format);
    if (format === 'csv') return sendCsv(res, name, processingRecordCsv(report));
    sendXlsx(res, name, await processingRecordXlsx(report));
  }

  /** `?from=&to=`: categories → purposes → recipients, by number of shares. */
  @Get('data-map')
  async map(@Query(new KnownParams('from', 'to')) query: RawQuery): Promise<DataMap> {
    return this.dataMap.map(orBadRequest(parsePeriod(query)));
  }

  /** The event search's filters: the counts behind the charts (default: the last 30 days). */
  @Get('activity')
  async activityReport(
    @Query(new KnownParams(...ACTIVITY_PARAMS)) query: RawQuery,
  ): Promise<ActivityReport> {
    return this.activity.report(orBadRequest(parseActivityQuery(query)));
  }
}
