import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent } from '@app/contracts';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { EventFilter } from '../../store/store.types';
import { allEvents } from './all-events';

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
  truncated: boolean;
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

/** Counts behind the charts, from the events matching a filter (a period at least). */
@Injectable()
export class ActivityService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async report(filter: EventFilter): Promise<ActivityReport> {
    const found = await allEvents(this.repository, filter);
    const events = found.events.map((s) => s.event);
    const times = events.map((e) => Date.parse(e.decidedAt));
    const first = filter.fromMs ?? Math.min(...times);
    const last = filter.toMs !== undefined ? filter.toMs - 1 : Math.max(...times);
    const bucket = last - first > MAX_DAYS * DAY_MS ? 'month' : 'day';
    const bucketOf = (at: string): string => at.slice(0, bucket === 'day' ? 10 : 7);
    const buckets = events.length === 0 ? [] : bucketRange(first, last, bucket);
    return {
      from: filter.fromMs === undefined ? null : new Date(filter.fromMs).toISOString(),
      to: filter.toMs === undefined ? null : new Date(filter.toMs).toISOString(),
      truncated: found.truncated,
      bucket,
      events: events.length,
      decisions: decisionsPer(buckets, events, bucketOf),
      denialsByPrimaryReason: counted(
        events.filter((e) => e.decision === 'deny').map((e) => e.reasons[0]?.code ?? UNSTATED),
      ),
      withheldFieldsByReason: counted(events.flatMap(withheldReasons)),
      chainGrowth: growthPer(buckets, events, bucketOf),
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
  events: AuditEvent[],
  bucketOf: (at: string) => string,
): DecisionBucket[] {
  const rows = new Map(buckets.map((b) => [b, { bucket: b, allow: 0, deny: 0, reject: 0 }]));
  for (const e of events) {
    const row = rows.get(bucketOf(e.decidedAt));
    // A notice.sent event tells a past recipient to act; it is not a decision on a request.
    if (row && e.decision !== 'notice') row[e.decision] += 1;
  }
  return [...rows.values()];
}

/**
 * The reason code of each withheld field: the reason naming the field, else the request's
 * own reason (a denial withholds every field for it), else UNSTATED.
 */
function withheldReasons(event: AuditEvent): string[] {
  const requestReason = event.reasons.find((r) => r.field === undefined);
  return event.fieldsWithheld.map(
    (field) => (event.reasons.find((r) => r.field === field) ?? requestReason)?.code ?? UNSTATED,
  );
}

/** Counts of each value, most frequent first (ties by name). */
function counted(values: string[]): ReasonCount[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

/** Per partition, the chain length (highest seq + 1) at the end of each bucket, carried on. */
function growthPer(
  buckets: string[],
  events: AuditEvent[],
  bucketOf: (at: string) => string,
): ChainGrowth[] {
  const highest = new Map<number, Map<string, number>>();
  for (const e of events) {
    const perBucket = highest.get(e.partition) ?? new Map<string, number>();
    const b = bucketOf(e.decidedAt);
    perBucket.set(b, Math.max(perBucket.get(b) ?? 0, e.seq + 1));
    highest.set(e.partition, perBucket);
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
