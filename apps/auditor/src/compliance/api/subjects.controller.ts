import { BadRequestException, Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import type { RawQuery } from '../query/query-params';
import { parsePeriod } from '../query/report-query';
import { type DisclosureReport, DisclosuresService } from '../reports/disclosures.service';
import { disclosuresCsv } from '../reports/report-csv';
import { fileSafe, orBadRequest, sendCsv, wantsCsv } from './query-result';
import { KnownParams } from '../query/known-params.pipe';

/** `GET /api/subjects/:subjectId/disclosures`: the accounting of a subject's disclosures. */
@Controller('api/subjects')
@UseGuards(BearerAuthGuard)
export class SubjectsController {
  constructor(private readonly disclosures: DisclosuresService) {}

  @Get(':subjectId/disclosures')
  async list(
    @Param('subjectId') subjectId: string,
    @Query(new KnownParams('from', 'to', 'format')) query: RawQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DisclosureReport | void> {
    if (subjectId.length > 256) throw new BadRequestException('subjectId: too long');
    const csv = wantsCsv(query.format);
    const report = await this.disclosures.forSubject(subjectId, orBadRequest(parsePeriod(query)));
    if (!csv) return report;
    sendCsv(res, `disclosures-${fileSafe(subjectId)}.csv`, disclosuresCsv(report));
  }
}
