import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { activityFilterOf } from '../query/activity-filter';
import { EventFilterQuery } from '../query/event-search.dto';
import { PeriodQuery, periodOf } from '../query/period.dto';
import { validated } from '../query/validation.pipe';
import { type ActivityReport, ActivityService } from '../reports/activity.service';
import { type DataMap, DataMapService } from '../reports/data-map.service';
import { processingRecordCsv } from '../reports/processing-record.columns';
import {
  type ProcessingRecord,
  ProcessingRecordService,
} from '../reports/processing-record.service';
import { processingRecordXlsx } from '../reports/processing-record.xlsx';
import { sendCsv } from './csv-download';
import { periodFileName, sendXlsx } from './report-format';
import { ProcessingRecordQuery } from './report-queries.dto';

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
    @Query(validated) query: ProcessingRecordQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProcessingRecord | void> {
    const { format } = query;
    const report = await this.processing.report(periodOf(query));
    if (format === 'json') return report;
    const name = periodFileName('processing-record', report, format);
    if (format === 'csv') return sendCsv(res, name, processingRecordCsv(report));
    sendXlsx(res, name, await processingRecordXlsx(report));
  }

  /** `?from=&to=`: categories → purposes → recipients, by number of shares. */
  @Get('data-map')
  async map(@Query(validated) query: PeriodQuery): Promise<DataMap> {
    return this.dataMap.map(periodOf(query));
  }

  /** The event search's filters: the counts behind the charts (default: the last 30 days). */
  @Get('activity')
  async activityReport(@Query(validated) query: EventFilterQuery): Promise<ActivityReport> {
    return this.activity.report(activityFilterOf(query));
  }
}
