import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { fileSafe, sendCsv } from '../../compliance/api/csv-download';
import { SessionGuard } from '../../compliance/auth/session.guard';
import { LoginRequiredFilter } from '../../compliance/page/login-required.filter';
import { type PageQuery, PageQueryPipe } from '../../compliance/page/page-query.pipe';
import { sendPage } from '../../compliance/page/page-response';
import { validated } from '../../compliance/query/validation.pipe';
import { NoticesPageQuery, OutstandingQuery, SubjectQuery } from '../notices.dto';
import { outstandingNoticesCsv, subjectNoticesCsv } from '../notices-csv';
import { NoticesReportService } from '../notices-report.service';
import { noticesView } from './notices.view';

/** The reviewers' notices page and its CSV downloads, behind the page session. */
@Controller('ui/notices')
@UseGuards(SessionGuard)
@UseFilters(LoginRequiredFilter)
export class NoticesPageController {
  constructor(private readonly notices: NoticesReportService) {}

  @Get()
  async page(
    @Query(new PageQueryPipe(NoticesPageQuery)) query: PageQuery<NoticesPageQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { value, form, errors } = query;
    if (value === null) {
      return sendPage(
        res,
        400,
        noticesView({ query: form, errors, subject: null, outstanding: null, unaccepted: null }),
      );
    }
    sendPage(
      res,
      200,
      noticesView({
        query: form,
        errors,
        subject: value.subjectId ? await this.notices.forSubject(value.subjectId) : null,
        outstanding: await this.notices.outstanding(value.olderThanDays),
        unaccepted: await this.notices.unacceptedAcks(),
      }),
    );
  }

  @Get('outstanding.csv')
  async outstandingCsv(
    @Query(validated) query: OutstandingQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { olderThanDays } = query;
    const report = await this.notices.outstanding(olderThanDays);
    sendCsv(res, `outstanding-notices-${olderThanDays}d.csv`, outstandingNoticesCsv(report));
  }

  @Get('subject.csv')
  async subjectCsv(@Query(validated) query: SubjectQuery, @Res() res: Response): Promise<void> {
    const { subjectId } = query;
    const report = await this.notices.forSubject(subjectId);
    sendCsv(res, `notices-${fileSafe(subjectId)}.csv`, subjectNoticesCsv(report));
  }
}
