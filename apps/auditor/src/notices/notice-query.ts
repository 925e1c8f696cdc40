import {
  finish,
  QueryReader,
  type ParsedQuery,
  type RawQuery,
} from '../compliance/query/query-params';

/** Default age of an outstanding notice: one month, GDPR Art. 12(3)'s time to act. */
export const DEFAULT_OLDER_THAN_DAYS = 30;

/** `olderThanDays`: an integer from 0 to 3650, default 30. */
export function parseOutstandingQuery(query: RawQuery): ParsedQuery<{ olderThanDays: number }> {
  const read = new QueryReader(query);
  const days = read.integer('olderThanDays', 0, 3650);
  return finish(read, () => ({ olderThanDays: days ?? DEFAULT_OLDER_THAN_DAYS }));
}

/** Longest subject id a notice query accepts (as the disclosures route does). */
export const MAX_SUBJECT_ID = 256;
