import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import type { RawQuery } from '../query/query-params';
import { parsePeriod, parseShineTheLightQuery } from '../query/report-query';
import { recipientsCsv, shineTheLightCsv } from '../reports/report-csv';
import {
  type RecipientsReport,
  RecipientsReportService,
} from '../reports/recipients-report.service';
import { type ShineTheLightReport, ShineTheLightService } from '../reports/shine-the-light.service';
import { fileSafe, orBadRequest, sendCsv, wantsCsv } from './query-result';
import { KnownParams } from '../query/known-params.pipe';

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
    @Query(new KnownParams('subjectId', 'year', 'format')) query: RawQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ShineTheLightReport | void> {
    const csv = wantsCsv(query.format);
    const report = await this.shineTheLight.report(orBadRequest(parseShineTheLightQuery(query)));
    if (!csv) return report;
    const name = `shine-the-light-${fileSafe(report.subjectId)}-${report.year}.csv`;
    sendCsv(res, name, shineTheLightCsv(report));
  }

  /** `?from=&to=`: shares and denials per recipient and purpose. */
  @Get('recipients')
  async perRecipient(
    @Query(new KnownParams('from', 'to', 'format')) query: RawQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecipientsReport | void> {
    const csv = wantsCsv(query.format);
    const report = await this.recipients.report(orBadRequest(parsePeriod(query)));
    if (!csv) return report;
    sendCsv(res, 'recipients.csv', recipientsCsv(report));
  }
}
