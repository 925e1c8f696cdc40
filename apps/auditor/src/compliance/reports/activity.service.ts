import { Inject, Injectable } from '@nestjs/common';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { DailyActivity, EventFilter, ReasonTally } from '../../store/store.types';

/** Decisions of one time bucket by outcome. */
export interface DecisionBucket {
  bucket: string;
  allow: number;
  deny: number;
  reject: number;
}

/** A count under a reason code. */
export interface ReasonCount {
  reason: string;
  count: number;
}

/** A partition's chain length at the end of each bucket it had events by. */
export interface ChainGrowth {
  partition: number;
  points: { bucket: string; length: number }[];
}

/** What the charts of the integrity and events pages draw, for the events of a filter. */
export interface ActivityReport {
  from: string | null;
  to: string | null;
  /** `day` (YYYY-MM-DD) for periods up to {@link MAX_DAYS} days, else `month` (YYYY-MM). */
  bucket: 'day' | 'month';
  events: number;
  decisions: DecisionBucket[];
  denialsByPrimaryReason: ReasonCount[];
  withheldFieldsByReason: ReasonCount[];
  chainGrowth: ChainGrowth[];
}

/** The longest period drawn day by day; longer ones are drawn month by month. */
export const MAX_DAYS = 92;
const DAY_MS = 86_400_000;
/** A field withheld without a reason naming it. */
export const UNSTATED = 'UNSTATED';

/**
 * Counts behind the charts, from the events matching a filter (a period at least), built from
 * the store's per-day counts and reason tallies.
 */
@Injectable()
export class ActivityService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async report(filter: EventFilter): Promise<ActivityReport> {
    const [days, reasons] = await Promise.all([
      this.repository.dailyActivity(filter),
      this.repository.reasonTallies(filter),
    ]);
    const first = filter.fromMs ?? Math.min(...days.map((d) => d.firstMs));
    const last =
      filter.toMs !== undefined ? filter.toMs - 1 : Math.max(...days.map((d) => d.lastMs));
    const bucket = last - first > MAX_DAYS * DAY_MS ? 'month' : 'day';
    const bucketOf = (day: string): string => day.slice(0, bucket === 'day' ? 10 : 7);
    const buckets = days.length === 0 ? [] : bucketRange(first, last, bucket);
    return {
      from: filter.fromMs === undefined ? null : new Date(filter.fromMs).toISOString(),
      to: filter.toMs === undefined ? null : new Date(filter.toMs).toISOString(),
      bucket,
      events: days.reduce((n, d) => n + d.count, 0),
      decisions: decisionsPer(buckets, days, bucketOf),
      denialsByPrimaryReason: mostFirst(reasons.primaryDenialReasons),
      withheldFieldsByReason: mostFirst(reasons.withheldFieldReasons),
      chainGrowth: growthPer(buckets, days, bucketOf),
    };
  }
}

/** Every bucket from `first` to `last`, both included. */
function bucketRange(first: number, last: number, bucket: 'day' | 'month'): string[] {
  const out: string[] = [];
  const at = new Date(first);
  at.setUTCHours(0, 0, 0, 0);
  if (bucket === 'month') at.setUTCDate(1);
  while (at.getTime() <= last) {
    out.push(at.toISOString().slice(0, bucket === 'day' ? 10 : 7));
    if (bucket === 'day') at.setUTCDate(at.getUTCDate() + 1);
    else at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return out;
}

function decisionsPer(
  buckets: string[],
  days: DailyActivity[],
  bucketOf: (day: string) => string,
): DecisionBucket[] {
  const rows = new Map(buckets.map((b) => [b, { bucket: b, allow: 0, deny: 0, reject: 0 }]));
  for (const d of days) {
    const row = rows.get(bucketOf(d.day));
    // A notice.sent event tells a past recipient to act; it is not a decision on a request.
    if (row && d.decision !== 'notice') row[d.decision] += d.count;
  }
  return [...rows.values()];
}

/** Counts most frequent first (ties by name). */
function mostFirst(tallies: ReasonTally[]): ReasonCount[] {
  return tallies
    .map(({ reason, count }) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

/** Per partition, the chain length (highest seq + 1) at the end of each bucket, carried on. */
function growthPer(
  buckets: string[],
  days: DailyActivity[],
  bucketOf: (day: string) => string,
): ChainGrowth[] {
  const highest = new Map<number, Map<string, number>>();
  for (const d of days) {
    const perBucket = highest.get(d.partition) ?? new Map<string, number>();
    const b = bucketOf(d.day);
    perBucket.set(b, Math.max(perBucket.get(b) ?? 0, d.maxSeq + 1));
    highest.set(d.partition, perBucket);
  }
  return [...highest.keys()]
    .sort((a, b) => a - b)
    .map((partition) => {
      const perBucket = highest.get(partition)!;
      const points: ChainGrowth['points'] = [];
      let length = 0;
      for (const b of buckets) {
        length = Math.max(length, perBucket.get(b) ?? 0);
        if (length > 0) points.push({ bucket: b, length });
      }
      return { partition, points };
    });
}
