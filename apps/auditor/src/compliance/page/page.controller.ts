import { Controller, Get, Inject, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { SessionGuard } from '../auth/session.guard';
import { ChartPeriodQuery, EventSearchQuery, eventSearchOf } from '../query/event-search.dto';
import { PeriodQuery, periodOf, SubjectPeriodQuery } from '../query/period.dto';
import { ShineTheLightQuery } from '../query/shine-the-light.dto';
import { DisclosuresService } from '../reports/disclosures.service';
import { EventSearchService } from '../reports/event-search.service';
import { IntegrityService } from '../reports/integrity.service';
import { RecipientsReportService } from '../reports/recipients-report.service';
import { ShineTheLightService } from '../reports/shine-the-light.service';
import { LoginRequiredFilter } from './login-required.filter';
import { type PageQuery, PageQueryPipe } from './page-query.pipe';
import { sendPage } from './page-response';
import { eventsView } from './views/events.view';
import { integrityView } from './views/integrity.view';
import { checkpointsSection } from './views/checkpoints.view';
import { WITNESS_CONTEXT, type WitnessContext } from '../../witness/witness-context';
import { disclosuresView, recipientsView, shineTheLightView } from './views/reports.view';
import { ActivityCharts } from './activity-charts';

/**
 * The reviewers' page: plain server-rendered HTML over the same services as the API. A form
 * shown before it is filled in runs no query; a bad parameter shows its message in the page.
 */
@Controller('ui')
@UseGuards(SessionGuard)
@UseFilters(LoginRequiredFilter)
export class PageController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly events: EventSearchService,
    private readonly disclosures: DisclosuresService,
    private readonly shineTheLight: ShineTheLightService,
    private readonly recipients: RecipientsReportService,
    @Inject(WITNESS_CONTEXT) private readonly witness: WitnessContext,
    private readonly charts: ActivityCharts,
  ) {}

  @Get()
  async home(
    @Query(new PageQueryPipe(ChartPeriodQuery)) query: PageQuery<ChartPeriodQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { repo } = this.witness;
    const witness = checkpointsSection(await repo.cosignedHeads(), await repo.alerts());
    const charts = await this.charts.section(query, '/ui', 'in the audit stream');
    sendPage(
      res,
      charts.status,
      integrityView(await this.integrity.report(), witness, charts.html),
    );
  }

  @Get('events')
  async eventSearch(
    @Query(new PageQueryPipe(EventSearchQuery)) query: PageQuery<EventSearchQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { value, form, errors } = query;
    const page = value === null ? null : await this.events.search(eventSearchOf(value));
    const charts = value === null ? '' : (await this.charts.section(query, null, 'matching')).html;
    sendPage(res, value === null ? 400 : 200, eventsView(form, page, errors, charts));
  }

  @Get('disclosures')
  async subjectDisclosures(
    @Query(new PageQueryPipe(SubjectPeriodQuery)) query: PageQuery<SubjectPeriodQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { value, form, errors } = query;
    if (!form.subjectId) return sendPage(res, 200, disclosuresView(form, null, []));
    const report =
      value === null ? null : await this.disclosures.forSubject(value.subjectId, periodOf(value));
    sendPage(res, value === null ? 400 : 200, disclosuresView(form, report, errors));
  }

  @Get('shine-the-light')
  async californiaShineTheLight(
    @Query(new PageQueryPipe(ShineTheLightQuery)) query: PageQuery<ShineTheLightQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { value, form, errors } = query;
    if (!form.subjectId && !form.year) return sendPage(res, 200, shineTheLightView(form, null, []));
    const report = value === null ? null : await this.shineTheLight.report(value);
    sendPage(res, value === null ? 400 : 200, shineTheLightView(form, report, errors));
  }

  @Get('recipients')
  async perRecipient(
    @Query(new PageQueryPipe(PeriodQuery)) query: PageQuery<PeriodQuery>,
    @Res() res: Response,
  ): Promise<void> {
    const { value, form, errors } = query;
    const report = value === null ? null : await this.recipients.report(periodOf(value));
    sendPage(res, value === null ? 400 : 200, recipientsView(form, report, errors));
  }
}
