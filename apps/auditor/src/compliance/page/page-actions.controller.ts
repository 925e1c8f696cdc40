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
import { AcknowledgeBody } from '../api/integrity.dto';
import { fileSafe, sendCsv } from '../api/csv-download';
import { SessionGuard } from '../auth/session.guard';
import { PeriodQuery, periodOf, SubjectPeriodQuery } from '../query/period.dto';
import { ShineTheLightQuery } from '../query/shine-the-light.dto';
import { validated } from '../query/validation.pipe';
import { DisclosuresService } from '../reports/disclosures.service';
import { IntegrityService } from '../reports/integrity.service';
import { disclosuresCsv, recipientsCsv, shineTheLightCsv } from '../reports/report-csv';
import { RecipientsReportService } from '../reports/recipients-report.service';
import { ShineTheLightService } from '../reports/shine-the-light.service';
import { LoginRequiredFilter } from './login-required.filter';
import { sendPage } from './page-response';
import { isCrossOrigin } from './same-origin';

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
    @Query(validated) query: SubjectPeriodQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { subjectId } = query;
    const report = await this.disclosures.forSubject(subjectId, periodOf(query));
    sendCsv(res, `disclosures-${fileSafe(subjectId)}.csv`, disclosuresCsv(report));
  }

  @Get('reports/shine-the-light.csv')
  async shineTheLightCsv(
    @Query(validated) query: ShineTheLightQuery,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.shineTheLight.report(query);
    const name = `shine-the-light-${fileSafe(report.subjectId)}-${report.year}.csv`;
    sendCsv(res, name, shineTheLightCsv(report));
  }

  @Get('reports/recipients.csv')
  async recipientsCsv(@Query(validated) query: PeriodQuery, @Res() res: Response): Promise<void> {
    sendCsv(res, 'recipients.csv', recipientsCsv(await this.recipients.report(periodOf(query))));
  }

  @Post('alerts/:id/acknowledge')
  async acknowledge(
    @Param('id', ParseIntPipe) id: number,
    @Body(validated) body: AcknowledgeBody,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (isCrossOrigin(req)) return sendPage(res, 403, 'cross-origin form refused');
    await this.integrity.acknowledge(id, body.note ?? null);
    res.redirect(303, '/ui');
  }
}
