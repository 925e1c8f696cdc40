import type { ShareRequest } from '@app/contracts';
import { COMMON_VALUES, SCENARIOS } from './demo-scenarios';
import { DEMO_PEOPLE } from './demo-subjects';

/** One record for the requests topic: the key is the subjectId, as producers write it. */
export interface DemoRecord {
  requestId: string;
  key: string;
  value: string;
}

// Weighted rounds rather than blocks: round r holds every scenario of weight > r, so the
// stream interleaves kinds of request the way a busy platform would.
const ORDER = [0, 1, 2].flatMap((round) => SCENARIOS.filter((s) => s.weight > round));

function dataOf(fields: string, subjectId: string): Record<string, unknown> {
  const person: Record<string, unknown> = { ...DEMO_PEOPLE[subjectId] };
  return Object.fromEntries(fields.split(' ').map((f) => [f, person[f] ?? COMMON_VALUES[f]]));
}

/**
 * `count` share requests of run `runId` (requestIds `demo-<runId>-0001`…) with two malformed
 * records in the middle of the stream, which the gateway must send to the DLQ: one with a
 * property the contract does not know, one whose key is not its subjectId.
 */
export function demoRequests(runId: string, count: number, requestedAt: string): DemoRecord[] {
  const records: DemoRecord[] = [];
  for (let i = 0; i < count; i++) {
    const { subjectId, recipientId, purpose, fields, extra } = ORDER[i % ORDER.length];
    const requestId = `demo-${runId}-${String(i + 1).padStart(4, '0')}`;
    const request: ShareRequest = {
      requestId,
      requestedAt,
      producer: purpose === 'marketing' ? 'marketing-service' : 'course-service',
      subjectId,
      recipientId,
      purpose,
      ...extra,
      data: dataOf(fields, subjectId),
    };
    records.push({ requestId, key: subjectId, value: JSON.stringify(request) });
  }
  const malformed = (n: number, patch: object, key?: string): DemoRecord => {
    const base = JSON.parse(records[n % records.length].value) as ShareRequest;
    const requestId = `demo-${runId}-bad-${n}`;
    const value = JSON.stringify({ ...base, requestId, ...patch });
    return { requestId, key: key ?? base.subjectId, value };
  };
  const half = Math.floor(count / 2);
  records.splice(half, 0, malformed(1, { priority: 'high' }));
  records.splice(half + 1, 0, malformed(2, {}, 'demo-someone-else'));
  return records;
}

/** How many different purposes the stream of `count` requests covers. */
export function purposesIn(count: number): number {
  return new Set(ORDER.slice(0, count).map((s) => s.purpose)).size;
}
