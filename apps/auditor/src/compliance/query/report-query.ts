import { finish, type ParsedQuery, QueryReader, type RawQuery } from './query-params';

/** A period on decidedAt: from inclusive, to exclusive, either open. */
export interface Period {
  fromMs?: number;
  toMs?: number;
}

/** Reads an optional `from`/`to` period. */
export function parsePeriod(query: RawQuery): ParsedQuery<Period> {
  const read = new QueryReader(query);
  const period = { fromMs: read.instant('from'), toMs: read.instant('to') };
  if (period.fromMs !== undefined && period.toMs !== undefined && period.fromMs > period.toMs) {
    read.errors.push('to: must not be before from');
  }
  return finish(read, () => period);
}

/** A Shine the Light request: a subject and the calendar year of the sharing. */
export interface ShineTheLightQuery {
  subjectId: string;
  year: number;
}

/** Reads `subjectId` and `year` (both required). */
export function parseShineTheLightQuery(query: RawQuery): ParsedQuery<ShineTheLightQuery> {
  const read = new QueryReader(query);
  const subjectId = read.requiredText('subjectId');
  const year = read.integer('year', 1970, 9999);
  if (year === undefined && !read.errors.some((e) => e.startsWith('year:'))) {
    read.errors.push('year: is required');
  }
  return finish(read, () => ({ subjectId: subjectId!, year: year! }));
}
