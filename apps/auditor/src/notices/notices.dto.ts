import { Format, JSON_OR_CSV } from '../compliance/api/report-queries.dto';
import { integer, Parsed, text } from '../compliance/query/param-rules';

/** Default age of an outstanding notice: one month, GDPR Art. 12(3)'s time to act. */
export const DEFAULT_OLDER_THAN_DAYS = 30;

/** Longest subject id a notice query accepts (as the disclosures route does). */
export const MAX_SUBJECT_ID = 256;

/** `?olderThanDays=N`: notices with no `done` answer N days on (0 to 3650, default 30). */
export class OutstandingQuery {
  @Parsed(integer(0, 3650)) olderThanDays: number = DEFAULT_OLDER_THAN_DAYS;
}

/** `?olderThanDays=N&format=json|csv`: the outstanding notices report. */
export class OutstandingReportQuery extends OutstandingQuery {
  @Format(JSON_OR_CSV) format: 'json' | 'csv' = 'json';
}

/** `?subjectId=&olderThanDays=`: the notices page, a subject's notices when one is given. */
export class NoticesPageQuery extends OutstandingQuery {
  @Parsed(text(MAX_SUBJECT_ID)) subjectId?: string;
}

/** `?subjectId=`: one subject's notices. */
export class SubjectQuery {
  @Parsed(text(MAX_SUBJECT_ID), { required: true }) subjectId!: string;
}
