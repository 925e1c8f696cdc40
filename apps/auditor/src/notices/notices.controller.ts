import { BadRequestException, Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { fileSafe, orBadRequest, sendCsv, wantsCsv } from '../compliance/api/query-result';
import { BearerAuthGuard } from '../compliance/auth/bearer-auth.guard';
import { KnownParams } from '../compliance/query/known-params.pipe';
import type { RawQuery } from '../compliance/query/query-params';
import { MAX_SUBJECT_ID, parseOutstandingQuery } from './notice-query';
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
    @Query(new KnownParams('format')) query: RawQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubjectNoticesReport | void> {
    if (subjectId.length > MAX_SUBJECT_ID) throw new BadRequestException('subjectId: too long');
    const csv = wantsCsv(query.format);
    const report = await this.notices.forSubject(subjectId);
    if (!csv) return report;
    sendCsv(res, `notices-${fileSafe(subjectId)}.csv`, subjectNoticesCsv(report));
  }

  /** `?olderThanDays=N` (default 30): notices no `done` answers yet, per recipient. */
  @Get('reports/outstanding-notices')
  async outstanding(
    @Query(new KnownParams('olderThanDays', 'format')) query: RawQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OutstandingNoticesReport | void> {
    const csv = wantsCsv(query.format);
    const { olderThanDays } = orBadRequest(parseOutstandingQuery(query));
    const report = await this.notices.outstanding(olderThanDays);
    if (!csv) return report;
    sendCsv(res, `outstanding-notices-${olderThanDays}d.csv`, outstandingNoticesCsv(report));
  }

  /** Acknowledgements refused or naming no notice of their recipient. */
  @Get('notice-acks/unaccepted')
  async unaccepted(@Query(new KnownParams()) _query: RawQuery): Promise<UnacceptedAcksReport> {
    return this.notices.unacceptedAcks();
  }
}
