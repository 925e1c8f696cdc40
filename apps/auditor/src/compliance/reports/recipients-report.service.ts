import { Inject, Injectable } from '@nestjs/common';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { Period } from '../query/period.dto';
import { historyById, registrationAt } from './registration';

/** Shares and denials of one recipient for one purpose. */
export interface RecipientPurposeRow {
  recipientId: string | null;
  /** As registered at the end of the period (or now). */
  name: string | null;
  purpose: string | null;
  shares: number;
  denials: number;
  rejections: number;
}

/** Decisions per recipient and purpose over a period. */
export interface RecipientsReport {
  from: string | null;
  to: string | null;
  rows: RecipientPurposeRow[];
  totals: { shares: number; denials: number; rejections: number };
}

/**
 * How many requests per recipient and purpose were allowed, denied, and rejected as
 * unreadable in a period. A rejected request may name no recipient or purpose (null).
 */
@Injectable()
export class RecipientsReportService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async report(period: Period, now: Date = new Date()): Promise<RecipientsReport> {
    const counts = await this.repository.countDecisions(period);
    const ids = counts.map((c) => c.recipientId).filter((id): id is string => id !== null);
    const histories = historyById(await this.repository.recipientHistory(ids));
    const at = period.toMs !== undefined ? period.toMs - 1 : now.getTime();
    const rows = new Map<string, RecipientPurposeRow>();
    for (const { recipientId, purpose, decision, count } of counts) {
      // Notices to past recipients are not requests (see the notices report).
      if (decision === 'notice') continue;
      const key = JSON.stringify([recipientId, purpose]);
      const row = rows.get(key) ?? {
        recipientId,
        name:
          recipientId === null
            ? null
            : registrationAt(recipientId, histories.get(recipientId) ?? [], at).name,
        purpose,
        shares: 0,
        denials: 0,
        rejections: 0,
      };
      if (decision === 'allow') row.shares += count;
      else if (decision === 'deny') row.denials += count;
      else if (decision === 'reject') row.rejections += count;
      rows.set(key, row);
    }
    const list = [...rows.values()];
    const sum = (pick: (r: RecipientPurposeRow) => number) => list.reduce((n, r) => n + pick(r), 0);
    return {
      from: period.fromMs === undefined ? null : new Date(period.fromMs).toISOString(),
      to: period.toMs === undefined ? null : new Date(period.toMs).toISOString(),
      rows: list,
      totals: {
        shares: sum((r) => r.shares),
        denials: sum((r) => r.denials),
        rejections: sum((r) => r.rejections),
      },
    };
  }
}
