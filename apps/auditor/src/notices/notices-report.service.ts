import { Inject, Injectable } from '@nestjs/common';
import {
  NOTICE_QUERY_LIMIT,
  NOTICE_REPOSITORY,
  type NoticeRepository,
  type NoticeWithAcks,
  type StoredAck,
} from './notice.types';

const DAY_MS = 86_400_000;

/** The latest accepted answer of a notice's recipient (`done` wins over an earlier refusal). */
export interface NoticeAnswer {
  status: 'done' | 'refused';
  note: string | null;
  at: string;
  receivedAt: string;
}

/** A notice with its recipient's answer and every acknowledgement naming it. */
export interface NoticeView extends NoticeWithAcks {
  answer: NoticeAnswer | null;
}

/** Per subject: who was told what and when, and who confirmed. */
export interface SubjectNoticesReport {
  subjectId: string;
  count: number;
  truncated: boolean;
  notices: NoticeView[];
}

/** One recipient's outstanding notices. */
export interface RecipientOutstanding {
  recipientId: string;
  outstanding: number;
  /** Of those, how many the recipient answered `refused`. */
  refused: number;
  oldestNoticedAt: string;
}

/** An outstanding notice: sent at least `olderThanDays` ago, no `done` from its recipient. */
export interface OutstandingNotice extends NoticeView {
  ageDays: number;
}

/** Outstanding notices older than N days, per recipient. */
export interface OutstandingNoticesReport {
  olderThanDays: number;
  asOf: string;
  /** Notices decided at or before this instant are old enough. */
  noticedBefore: string;
  count: number;
  truncated: boolean;
  recipients: RecipientOutstanding[];
  notices: OutstandingNotice[];
}

/** Acknowledgements that answer no notice of their recipient. */
export interface UnacceptedAcksReport {
  count: number;
  truncated: boolean;
  acks: StoredAck[];
}

/** The notice reports, over the store's notice repository. */
@Injectable()
export class NoticesReportService {
  constructor(@Inject(NOTICE_REPOSITORY) private readonly repo: NoticeRepository) {}

  async forSubject(subjectId: string): Promise<SubjectNoticesReport> {
    const rows = await this.repo.noticesOfSubject(subjectId, NOTICE_QUERY_LIMIT + 1);
    const notices = rows.slice(0, NOTICE_QUERY_LIMIT).map(withAnswer);
    return {
      subjectId,
      count: notices.length,
      truncated: rows.length > NOTICE_QUERY_LIMIT,
      notices,
    };
  }

  async outstanding(olderThanDays: number, nowMs = Date.now()): Promise<OutstandingNoticesReport> {
    const cutoffMs = nowMs - olderThanDays * DAY_MS;
    const rows = await this.repo.outstandingNotices(cutoffMs, NOTICE_QUERY_LIMIT + 1);
    const notices = rows.slice(0, NOTICE_QUERY_LIMIT).map((n) => ({
      ...withAnswer(n),
      ageDays: Math.floor((nowMs - Date.parse(n.noticedAt)) / DAY_MS),
    }));
    return {
      olderThanDays,
      asOf: new Date(nowMs).toISOString(),
      noticedBefore: new Date(cutoffMs).toISOString(),
      count: notices.length,
      truncated: rows.length > NOTICE_QUERY_LIMIT,
      recipients: perRecipient(notices),
      notices,
    };
  }

  async unacceptedAcks(): Promise<UnacceptedAcksReport> {
    const rows = await this.repo.unacceptedAcks(NOTICE_QUERY_LIMIT + 1);
    const acks = rows.slice(0, NOTICE_QUERY_LIMIT);
    return { count: acks.length, truncated: rows.length > NOTICE_QUERY_LIMIT, acks };
  }
}

function withAnswer(notice: NoticeWithAcks): NoticeView {
  const accepted = notice.acks.filter((a) => a.state === 'accepted');
  // A `done` settles the notice whenever it came; otherwise the latest refusal stands.
  const chosen = accepted.filter((a) => a.status === 'done').at(-1) ?? accepted.at(-1);
  const answer =
    chosen && chosen.status && chosen.at
      ? { status: chosen.status, note: chosen.note, at: chosen.at, receivedAt: chosen.receivedAt }
      : null;
  return { ...notice, answer };
}

function perRecipient(notices: OutstandingNotice[]): RecipientOutstanding[] {
  const byRecipient = new Map<string, RecipientOutstanding>();
  for (const n of notices) {
    const row = byRecipient.get(n.recipientId) ?? {
      recipientId: n.recipientId,
      outstanding: 0,
      refused: 0,
      oldestNoticedAt: n.noticedAt,
    };
    row.outstanding += 1;
    if (n.answer?.status === 'refused') row.refused += 1;
    if (Date.parse(n.noticedAt) < Date.parse(row.oldestNoticedAt))
      row.oldestNoticedAt = n.noticedAt;
    byRecipient.set(n.recipientId, row);
  }
  return [...byRecipient.values()];
}
