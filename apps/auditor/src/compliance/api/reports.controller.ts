import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { periodOf } from '../query/period.dto';
import { validated } from '../query/validation.pipe';
import { recipientsCsv, shineTheLightCsv } from '../reports/report-csv';
import {
  type RecipientsReport,
  RecipientsReportService,
} from '../reports/recipients-report.service';
import { type ShineTheLightReport, ShineTheLightService } from '../reports/shine-the-light.service';
import { fileSafe, sendCsv } from './csv-download';
import { PeriodReportQuery, ShineTheLightReportQuery } from './report-queries.dto';

/** The compliance reports, as JSON or (`?format=csv`) as a CSV download. */
@Controller('api/reports')
@UseGuards(BearerAuthGuard)
export class ReportsController {
  constructor(
    private readonly shineTheLight: ShineTheLightService,
    private readonly recipients: RecipientsReportService,
  ) {}

  /** `?subjectId=&year=`: California Shine the Light for the sharing of one calendar year. */
  @Get('shine-the-light')
  async californiaShineTheLight(
    @Query(validated) query: ShineTheLightReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ShineTheLightReport | void> {
    const report = await this.shineTheLight.report(query);
    if (query.format === 'json') return report;
    const name = `shine-the-light-${fileSafe(report.subjectId)}-${report.year}.csv`;
    sendCsv(res, name, shineTheLightCsv(report));
  }

  /** `?from=&to=`: shares and denials per recipient and purpose. */
  @Get('recipients')
  async perRecipient(
    @Query(validated) query: PeriodReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecipientsReport | void> {
    const report = await this.recipients.report(periodOf(query));
    if (query.format === 'json') return report;
    sendCsv(res, 'recipients.csv', recipientsCsv(report));
  }
}
