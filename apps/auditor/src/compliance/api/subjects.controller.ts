import { BadRequestException, Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { periodOf } from '../query/period.dto';
import { validated } from '../query/validation.pipe';
import { type DisclosureReport, DisclosuresService } from '../reports/disclosures.service';
import { type ReceiptedDisclosureReport, ReceiptsService } from '../reports/receipts.service';
import { disclosuresCsv } from '../reports/report-csv';
import { fileSafe, sendCsv } from './csv-download';
import { DisclosuresQuery } from './report-queries.dto';

/**
 * `GET /api/subjects/:subjectId/disclosures`: the accounting of a subject's disclosures;
 * `?receipts=true` adds each disclosure's receipt (JSON only), checked offline by
 * `onward proof verify`.
 */
@Controller('api/subjects')
@UseGuards(BearerAuthGuard)
export class SubjectsController {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Get(':subjectId/disclosures')
  async list(
    @Param('subjectId') subjectId: string,
    @Query(validated) query: DisclosuresQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DisclosureReport | ReceiptedDisclosureReport | void> {
    if (subjectId.length > 256) throw new BadRequestException('subjectId: too long');
    const report = await this.disclosures.forSubject(subjectId, periodOf(query));
    if (query.receipts) {
      try {
        return await this.receipts.attach(report);
      } catch (error) {
        if (error instanceof RangeError) throw new BadRequestException(error.message);
        throw error;
      }
    }
    if (query.format === 'json') return report;
    sendCsv(res, `disclosures-${fileSafe(subjectId)}.csv`, disclosuresCsv(report));
  }
}
