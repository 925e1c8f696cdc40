import { BadRequestException, Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import type { RawQuery } from '../query/query-params';
import { parsePeriod } from '../query/report-query';
import { type DisclosureReport, DisclosuresService } from '../reports/disclosures.service';
import { type ReceiptedDisclosureReport, ReceiptsService } from '../reports/receipts.service';
import { disclosuresCsv } from '../reports/report-csv';
import { fileSafe, orBadRequest, sendCsv, wantsCsv } from './query-result';
import { KnownParams } from '../query/known-params.pipe';

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
    @Query(new KnownParams('from', 'to', 'format', 'receipts')) query: RawQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DisclosureReport | ReceiptedDisclosureReport | void> {
    if (subjectId.length > 256) throw new BadRequestException('subjectId: too long');
    const csv = wantsCsv(query.format);
    const receipts = wantsReceipts(query.receipts);
    if (csv && receipts) throw new BadRequestException('receipts: JSON only, not with format=csv');
    const report = await this.disclosures.forSubject(subjectId, orBadRequest(parsePeriod(query)));
    if (receipts) {
      try {
        return await this.receipts.attach(report);
      } catch (error) {
        if (error instanceof RangeError) throw new BadRequestException(error.message);
        throw error;
      }
    }
    if (!csv) return report;
    sendCsv(res, `disclosures-${fileSafe(subjectId)}.csv`, disclosuresCsv(report));
  }
}

function wantsReceipts(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new BadRequestException('receipts: true or false');
}
