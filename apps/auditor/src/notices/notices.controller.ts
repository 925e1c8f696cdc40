import { BadRequestException, Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { fileSafe, sendCsv } from '../compliance/api/csv-download';
import { JsonOrCsvQuery } from '../compliance/api/report-queries.dto';
import { BearerAuthGuard } from '../compliance/auth/bearer-auth.guard';
import { NoQuery } from '../compliance/query/no-query.dto';
import { validated } from '../compliance/query/validation.pipe';
import { MAX_SUBJECT_ID, OutstandingReportQuery } from './notices.dto';
import { outstandingNoticesCsv, subjectNoticesCsv } from './notices-csv';
import {
  type OutstandingNoticesReport,
  NoticesReportService,
  type SubjectNoticesReport,
  type UnacceptedAcksReport,
} from './notices-report.service';

/** The notice reports (issue 14), as JSON or (`?format=csv`) as a CSV download. */
@Controller('api')
@UseGuards(BearerAuthGuard)
export class NoticesController {
  constructor(private readonly notices: NoticesReportService) {}

  /** Who was told what about a subject, and when, and who confirmed. */
  @Get('subjects/:subjectId/notices')
  async ofSubject(
    @Param('subjectId') subjectId: string,
    @Query(validated) query: JsonOrCsvQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubjectNoticesReport | void> {
    if (subjectId.length > MAX_SUBJECT_ID) throw new BadRequestException('subjectId: too long');
    const report = await this.notices.forSubject(subjectId);
    if (query.format === 'json') return report;
    sendCsv(res, `notices-${fileSafe(subjectId)}.csv`, subjectNoticesCsv(report));
  }

  /** `?olderThanDays=N` (default 30): notices no `done` answers yet, per recipient. */
  @Get('reports/outstanding-notices')
  async outstanding(
    @Query(validated) query: OutstandingReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OutstandingNoticesReport | void> {
    const { olderThanDays } = query;
    const report = await this.notices.outstanding(olderThanDays);
    if (query.format === 'json') return report;
    sendCsv(res, `outstanding-notices-${olderThanDays}d.csv`, outstandingNoticesCsv(report));
  }

  /** Acknowledgements refused or naming no notice of their recipient. */
  @Get('notice-acks/unaccepted')
  async unaccepted(@Query(validated) _query: NoQuery): Promise<UnacceptedAcksReport> {
    return this.notices.unacceptedAcks();
  }
}
