/** The notice reports as CSV: one row per notice. */
import { toCsv } from '../compliance/reports/csv';
import type { OutstandingNoticesReport, SubjectNoticesReport } from './notices-report.service';

const list = (values: readonly string[]): string => values.join('; ');

/** Outstanding notices, one row per notice, grouped by recipient. */
export function outstandingNoticesCsv(report: OutstandingNoticesReport): string {
  return toCsv(
    [
      'recipientId',
      'noticeId',
      'subjectId',
      'kind',
      'cause',
      'purposes',
      'categories',
      'noticedAt',
      'ageDays',
      'answer',
      'answerNote',
      'answeredAt',
      'eventId',
      'partition',
      'seq',
    ],
    report.notices.map((n) => [
      n.recipientId,
      n.noticeId,
      n.subjectId,
      n.kind,
      n.cause,
      list(n.purposes),
      list(n.categories),
      n.noticedAt,
      n.ageDays,
      n.answer?.status,
      n.answer?.note,
      n.answer?.at,
      n.eventId,
      n.partition,
      n.seq,
    ]),
  );
}

/** A subject's notices, one row per notice, with its recipient's answer. */
export function subjectNoticesCsv(report: SubjectNoticesReport): string {
  return toCsv(
    [
      'noticedAt',
      'recipientId',
      'noticeId',
      'kind',
      'cause',
      'purposes',
      'categories',
      'answer',
      'answerNote',
      'answeredAt',
      'acknowledgements',
      'eventId',
      'partition',
      'seq',
    ],
    report.notices.map((n) => [
      n.noticedAt,
      n.recipientId,
      n.noticeId,
      n.kind,
      n.cause,
      list(n.purposes),
      list(n.categories),
      n.answer?.status,
      n.answer?.note,
      n.answer?.at,
      n.acks.length,
      n.eventId,
      n.partition,
      n.seq,
    ]),
  );
}
