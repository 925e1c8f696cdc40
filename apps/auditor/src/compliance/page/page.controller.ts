import { Controller, Get, Inject, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { SessionGuard } from '../auth/session.guard';
import { parseEventQuery } from '../query/event-query';
import type { ParsedQuery } from '../query/query-params';
import { parsePeriod, parseShineTheLightQuery } from '../query/report-query';
import { DisclosuresService } from '../reports/disclosures.service';
import { EventSearchService } from '../reports/event-search.service';
import { IntegrityService } from '../reports/integrity.service';
import { RecipientsReportService } from '../reports/recipients-report.service';
import { ShineTheLightService } from '../reports/shine-the-light.service';
import { LoginRequiredFilter } from './login-required.filter';
import { sendPage, stringQuery } from './page-response';
import { eventsView } from './views/events.view';
import { integrityView } from './views/integrity.view';
import { checkpointsSection } from './views/checkpoints.view';
import { WITNESS_CONTEXT, type WitnessContext } from '../../witness/witness-context';
import { disclosuresView, recipientsView, shineTheLightView } from './views/reports.view';
import { EVENT_PARAMS, KnownParams } from '../query/known-params.pipe';
import { ActivityCharts } from './activity-charts';

type Q = Record<string, unknown>;

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
  async home(@Query(new KnownParams('from', 'to')) query: Q, @Res() res: Response): Promise<void> {
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
    @Query(new KnownParams(...EVENT_PARAMS)) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const parsed = parseEventQuery(query);
    const page = parsed.ok ? await this.events.search(parsed.value) : null;
    const charts = parsed.ok ? (await this.charts.section(query, null, 'matching')).html : '';
    const view = eventsView(stringQuery(query), page, errorsOf(parsed), charts);
    sendPage(res, parsed.ok ? 200 : 400, view);
  }

  @Get('disclosures')
  async subjectDisclosures(
    @Query(new KnownParams('subjectId', 'from', 'to')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const q = stringQuery(query);
    if (!q.subjectId) return sendPage(res, 200, disclosuresView(q, null, []));
    const period = parsePeriod(query);
    const report = period.ok ? await this.disclosures.forSubject(q.subjectId, period.value) : null;
    sendPage(res, period.ok ? 200 : 400, disclosuresView(q, report, errorsOf(period)));
  }

  @Get('shine-the-light')
  async californiaShineTheLight(
    @Query(new KnownParams('subjectId', 'year')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const q = stringQuery(query);
    if (!q.subjectId && !q.year) return sendPage(res, 200, shineTheLightView(q, null, []));
    const parsed = parseShineTheLightQuery(query);
    const report = parsed.ok ? await this.shineTheLight.report(parsed.value) : null;
    sendPage(res, parsed.ok ? 200 : 400, shineTheLightView(q, report, errorsOf(parsed)));
  }

  @Get('recipients')
  async perRecipient(
    @Query(new KnownParams('from', 'to')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const parsed = parsePeriod(query);
    const report = parsed.ok ? await this.recipients.report(parsed.value) : null;
    sendPage(
      res,
      parsed.ok ? 200 : 400,
      recipientsView(stringQuery(query), report, errorsOf(parsed)),
    );
  }
}

function errorsOf(parsed: ParsedQuery<unknown>): string[] {
  return parsed.ok ? [] : parsed.errors;
}
