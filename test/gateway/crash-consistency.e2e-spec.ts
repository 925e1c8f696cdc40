// Exactly-once under crashes: 20,000 requests flow while the gateway process is killed with
// SIGKILL at random moments and restarted. A read_committed reader must then find exactly one
// audit event per request, exactly one share per allowed request, no share without its audit
// event, every rejected record once in the DLQ, and unbroken chains.
import { randomInt } from 'node:crypto';
import { sha256Digest, type AuditEvent, type Share, type ShareRequest } from '@app/contracts';
import type { AppProcess } from '../support/app-process';
import { chainAlerts } from '../support/chain';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const TOTAL = 20_000;
const KILLS = 6;
const SUBJECTS = 240;
const CHUNK = 250;
// Produced but not yet audited: keeps requests flowing through every kill without letting a
// dead gateway's backlog grow without bound.
const MAX_BACKLOG = 3000;

const harness = new GatewayHarness(3);
const gatewayEnv = {
  GATEWAY_TRANSACTION_TIMEOUT_MS: '10000',
  // A killed instance's partitions move once its session expires: keep that short.
  GATEWAY_SESSION_TIMEOUT_MS: '8000',
};
const instructor = recipient('instructor');
const partner = recipient('business_partner');
const subjectId = (i: number): string => `crash-s-${i % SUBJECTS}`;
const optedOut = (i: number): boolean => (i % SUBJECTS) % 4 === 0;

type Expected = 'allow' | 'deny' | 'reject';

/** Request i and what the gateway must decide for it. */
function requestAt(i: number): { key: string; request: ShareRequest; expected: Expected } {
  const id = `crash-${i}`;
  const s = subjectId(i);
  const kind = i % 20;
  if (kind === 19) {
    // A key that is not the subjectId: DLQ and request.rejected, with a readable requestId.
    return {
      key: `other-${s}`,
      request: shareRequest(id, s, 'instructor-1', 'x'),
      expected: 'reject',
    };
  }
  if (kind === 18)
    return { key: s, request: shareRequest(id, s, 'nobody', 'marketing'), expected: 'deny' };
  if (kind >= 12) {
    const request = shareRequest(id, s, partner.recipientId, 'marketing');
    return { key: s, request, expected: optedOut(i) ? 'deny' : 'allow' };
  }
  const request = shareRequest(id, s, instructor.recipientId, 'course_administration');
  return { key: s, request, expected: 'allow' };
}

let produced = 0;

/** Produces all requests in chunks, never more than MAX_BACKLOG ahead of the audit stream. */
async function produceAll(): Promise<void> {
  for (let from = 0; from < TOTAL; from += CHUNK) {
    await waitFor(() => produced - harness.count(harness.topics.audit) < MAX_BACKLOG, {
      timeoutMs: 120_000,
      what: 'the gateway to work off the backlog',
    });
    const chunk = Array.from({ length: Math.min(CHUNK, TOTAL - from) }, (_, k) =>
      requestAt(from + k),
    );
    await harness.send(
      harness.topics.shareRequests,
      chunk.map((c) => ({ key: c.key, value: JSON.stringify(c.request) })),
    );
    produced += chunk.length;
  }
}

/**
 * Kills at a random moment: either as soon as the instance has been assigned its partitions
 * (its writers are fencing and reading the committed position), or after a random number of
 * further audit events, i.e. in the middle of committing batches.
 */
async function killAtRandomMoment(app: AppProcess, n: number): Promise<string> {
  if (n % 3 === 1) {
    await waitFor(() => app.output().includes('assigned input partitions'), {
      timeoutMs: 90_000,
      what: `restart ${n} to be assigned partitions`,
    });
  } else {
    const seen = harness.count(harness.topics.audit);
    const target = Math.min(seen + randomInt(300, 2500), TOTAL - 1000);
    await waitFor(() => harness.count(harness.topics.audit) >= target, {
      timeoutMs: 90_000,
      what: `audit events to reach ${target} before kill ${n}`,
    });
  }
  await app.stop('SIGKILL');
  return n % 3 === 1 ? 'just after assignment' : `at ${harness.count(harness.topics.audit)} events`;
}

beforeAll(async () => {
  const first = await harness.startGateway(gatewayEnv);
  await harness.connect();
  await harness.putRecipients([instructor, partner]);
  await harness.putSubjects(
    Array.from({ length: SUBJECTS }, (_, i) =>
      subject(subjectId(i), optedOut(i) ? { optOuts: ['marketing'] } : {}),
    ),
  );
  await harness.startReading([instructor.recipientId, partner.recipientId]);
  // A clean leave, so the first restart does not wait out this member's session.
  await first.stop('SIGTERM');
}, 120_000);

afterAll(() => harness.close());

describe('crash consistency', () => {
  it(`decides ${TOTAL} requests exactly once across ${KILLS} SIGKILLs`, async () => {
    const started = Date.now();
    const producing = produceAll();
    const moments: string[] = [];
    let app = harness.spawnGateway(gatewayEnv);
    for (let n = 0; n < KILLS; n++) {
      moments.push(await killAtRandomMoment(app, n));
      app = harness.spawnGateway(gatewayEnv);
    }
    await producing;
    const lengths = await harness.awaitAllDecided(180_000);

    const events = harness.auditEvents();
    const expected = new Map(
      Array.from({ length: TOTAL }, (_, i) => requestAt(i)).map((r) => [
        r.request.requestId,
        r.expected,
      ]),
    );
    const byRequest = new Map<string, AuditEvent>(events.map((e) => [e.requestId ?? '', e]));
    const allowed = events.filter((e) => e.decision === 'allow');
    const shareTopics = [instructor, partner].map(
      (r) => `${harness.prefix}shares.${r.recipientId}`,
    );
    const shareRecords = await waitFor(
      () => {
        const found = harness.records.filter((r) => shareTopics.includes(r.topic));
        return found.length >= allowed.length ? found : null;
      },
      { what: 'every share' },
    );
    const shares = shareRecords.map((r) => JSON.parse(r.value ?? '{}') as Share);
    const dlq = harness.on(harness.topics.dlq);
    console.log(
      `crash consistency: requests=${TOTAL} kills=${KILLS} (${moments.join('; ')}) ` +
        `auditEvents=${events.length} allowed=${allowed.length} shares=${shares.length} ` +
        `dlq=${dlq.length} chains=${JSON.stringify(Object.fromEntries(lengths))} ` +
        `in ${Math.round((Date.now() - started) / 1000)} s`,
    );

    // Exactly one audit event per request, with the decision the policy gives it.
    expect(events).toHaveLength(TOTAL);
    expect([...lengths.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(byRequest.size).toBe(TOTAL);
    for (const [requestId, decision] of expected)
      expect(byRequest.get(requestId)?.decision).toBe(decision);
    // Exactly one share per allowed request, each matching its audit event.
    expect(shares).toHaveLength(allowed.length);
    expect(new Set(shares.map((s) => s.shareId)).size).toBe(shares.length);
    for (const share of shares) {
      const event = byRequest.get(share.requestId);
      expect(event?.shareId).toBe(share.shareId);
      expect(event?.payloadDigest).toBe(sha256Digest(share));
    }
    // Every rejected record once in the DLQ.
    const rejected = [...expected.values()].filter((d) => d === 'reject').length;
    expect(dlq).toHaveLength(rejected);
    // Unbroken chains: seq 0..n-1 in every partition, and every hash verifies.
    const audit = harness.on(harness.topics.audit);
    expect(chainAlerts(audit)).toEqual([]);
    for (const [partition, length] of lengths) {
      const seqs = events.filter((e) => e.partition === partition).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length }, (_, i) => i));
    }
    expect(lengths.size).toBe(3);
  }, 330_000);
});
