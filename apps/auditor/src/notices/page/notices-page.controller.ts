import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { fileSafe, orBadRequest, sendCsv } from '../../compliance/api/query-result';
import { SessionGuard } from '../../compliance/auth/session.guard';
import { LoginRequiredFilter } from '../../compliance/page/login-required.filter';
import { sendPage, stringQuery } from '../../compliance/page/page-response';
import { KnownParams } from '../../compliance/query/known-params.pipe';
import { MAX_SUBJECT_ID, parseOutstandingQuery } from '../notice-query';
import { outstandingNoticesCsv, subjectNoticesCsv } from '../notices-csv';
import { NoticesReportService } from '../notices-report.service';
import { noticesView } from './notices.view';

type Q = Record<string, unknown>;

/** The reviewers' notices page and its CSV downloads, behind the page session. */
@Controller('ui/notices')
@UseGuards(SessionGuard)
@UseFilters(LoginRequiredFilter)
export class NoticesPageController {
  constructor(private readonly notices: NoticesReportService) {}

  @Get()
  async page(
    @Query(new KnownParams('subjectId', 'olderThanDays')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const q = stringQuery(query);
    const parsed = parseOutstandingQuery(query);
    const errors = parsed.ok ? [] : [...parsed.errors];
    const subjectId = q.subjectId;
    if (subjectId !== undefined && subjectId.length > MAX_SUBJECT_ID) {
      errors.push('subjectId: too long');
    }
    if (errors.length > 0) {
      return sendPage(
        res,
        400,
        noticesView({ query: q, errors, subject: null, outstanding: null, unaccepted: null }),
      );
    }
    const days = parsed.ok ? parsed.value.olderThanDays : 0;
    sendPage(
      res,
      200,
      noticesView({
        query: q,
        errors,
        subject: subjectId ? await this.notices.forSubject(subjectId) : null,
        outstanding: await this.notices.outstanding(days),
        unaccepted: await this.notices.unacceptedAcks(),
      }),
    );
  }

  @Get('outstanding.csv')
  async outstandingCsv(
    @Query(new KnownParams('olderThanDays')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const { olderThanDays } = orBadRequest(parseOutstandingQuery(query));
    const report = await this.notices.outstanding(olderThanDays);
    sendCsv(res, `outstanding-notices-${olderThanDays}d.csv`, outstandingNoticesCsv(report));
  }

  @Get('subject.csv')
  async subjectCsv(
    @Query(new KnownParams('subjectId')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const subjectId = stringQuery(query).subjectId ?? '';
    if (subjectId === '' || subjectId.length > MAX_SUBJECT_ID) {
      orBadRequest({ ok: false, errors: ['subjectId: must be 1 to 256 characters'] });
    }
    const report = await this.notices.forSubject(subjectId);
    sendCsv(res, `notices-${fileSafe(subjectId)}.csv`, subjectNoticesCsv(report));
  }
}
