import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { fileSafe, orBadRequest, sendCsv } from '../api/query-result';
import { SessionGuard } from '../auth/session.guard';
import { parsePeriod, parseShineTheLightQuery } from '../query/report-query';
import { DisclosuresService } from '../reports/disclosures.service';
import { IntegrityService } from '../reports/integrity.service';
import { disclosuresCsv, recipientsCsv, shineTheLightCsv } from '../reports/report-csv';
import { RecipientsReportService } from '../reports/recipients-report.service';
import { ShineTheLightService } from '../reports/shine-the-light.service';
import { LoginRequiredFilter } from './login-required.filter';
import { sendPage, stringQuery } from './page-response';
import { isCrossOrigin } from './same-origin';
import { KnownParams } from '../query/known-params.pipe';

type Q = Record<string, unknown>;

/** The page's CSV downloads and its one state-changing form (acknowledging an alert). */
@Controller('ui')
@UseGuards(SessionGuard)
@UseFilters(LoginRequiredFilter)
export class PageActionsController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly disclosures: DisclosuresService,
    private readonly shineTheLight: ShineTheLightService,
    private readonly recipients: RecipientsReportService,
  ) {}

  @Get('reports/disclosures.csv')
  async disclosuresCsv(
    @Query(new KnownParams('subjectId', 'from', 'to')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const subjectId = stringQuery(query).subjectId;
    if (!subjectId) return sendPage(res, 400, 'subjectId is required');
    const report = await this.disclosures.forSubject(subjectId, orBadRequest(parsePeriod(query)));
    sendCsv(res, `disclosures-${fileSafe(subjectId)}.csv`, disclosuresCsv(report));
  }

  @Get('reports/shine-the-light.csv')
  async shineTheLightCsv(
    @Query(new KnownParams('subjectId', 'year')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.shineTheLight.report(orBadRequest(parseShineTheLightQuery(query)));
    const name = `shine-the-light-${fileSafe(report.subjectId)}-${report.year}.csv`;
    sendCsv(res, name, shineTheLightCsv(report));
  }

  @Get('reports/recipients.csv')
  async recipientsCsv(
    @Query(new KnownParams('from', 'to')) query: Q,
    @Res() res: Response,
  ): Promise<void> {
    sendCsv(
      res,
      'recipients.csv',
      recipientsCsv(await this.recipients.report(orBadRequest(parsePeriod(query)))),
    );
  }

  @Post('alerts/:id/acknowledge')
  async acknowledge(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (isCrossOrigin(req)) return sendPage(res, 403, 'cross-origin form refused');
    const note =
      typeof body === 'object' && body !== null ? (body as { note?: unknown }).note : undefined;
    await this.integrity.acknowledge(
      id,
      typeof note === 'string' && note !== '' ? note.slice(0, 500) : null,
    );
    res.redirect(303, '/ui');
  }
}
