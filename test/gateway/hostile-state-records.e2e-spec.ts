// No single record on the state topics can stop the decisions of other keys or make /health
// lie (issue 19, finding 1): a recipient whose share topic Kafka refuses, and random state
// records with hostile keys (huge, not UTF-8, null) and values (tombstones, garbage).
import fc from 'fast-check';
import type { Producer } from 'kafkajs';
import type { AppProcess } from '../support/app-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 3;
const harness = new GatewayHarness(PARTITIONS);
const partner = recipient('business_partner', { recipientId: 'hs-partner' });
const first = recipient('business_partner', { recipientId: 'col.lide' });
const colliding = recipient('business_partner', { recipientId: 'col_lide' });
/** Subjects on every partition, so "other partitions" are really exercised. */
const learners = Array.from({ length: 12 }, (_, i) => `hs-learner-${i}`);
let gateway: AppProcess;
let producer: Producer;
let seq = 0;

beforeAll(async () => {
  gateway = await harness.startGateway();
  await harness.connect();
  await harness.putRecipients([partner, first]);
  await harness.putSubjects(learners.map((id) => subject(id)));
  await harness.startReading([partner.recipientId, first.recipientId]);
  producer = harness.kafka.producer();
  await producer.connect();
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await harness.close();
});

interface HealthWithReasons {
  status: string;
  reasons: string[];
}

async function health(): Promise<HealthWithReasons> {
  return (await harness.health(gateway)) as unknown as HealthWithReasons;
}

/** Requests to `recipientId` for every learner; resolves with their audit events. */
async function decideAll(recipientId: string, timeoutMs = 60_000) {
  const ids = learners.map((l) => `hs-${++seq}-${l}`);
  await harness.request(ids.map((id, i) => shareRequest(id, learners[i], recipientId, 'research')));
  return Promise.all(ids.map((id) => harness.auditOf(id, timeoutMs)));
}

describe('a recipient whose share topic cannot be created', () => {
  it('is unknown (deny) while every other key and partition keeps being decided', async () => {
    await harness.putRecipients([colliding]);
    const denied = await decideAll(colliding.recipientId);
    expect(denied.map((e) => e.reasons[0]?.code)).toEqual(learners.map(() => 'UNKNOWN_RECIPIENT'));
    const allowed = await decideAll(partner.recipientId);
    expect(new Set(allowed.map((e) => e.partition)).size).toBe(PARTITIONS);
    expect(allowed.map((e) => e.type)).toEqual(learners.map(() => 'share.allowed'));
    // The first id keeps its topic and is still delivered to.
    const kept = await decideAll(first.recipientId);
    expect(kept.map((e) => e.type)).toEqual(learners.map(() => 'share.allowed'));
  });

  it('makes /health say degraded with the reason, and never logs the refused id', async () => {
    const h = await waitFor(
      async () => ((await health()).status === 'degraded' ? health() : null),
      {
        what: '/health degraded',
      },
    );
    expect(h.reasons.join(' ')).toMatch(/share topic cannot be created for 1 recipient/);
    expect(gateway.output()).not.toContain(colliding.recipientId);
  });

  it('is forgotten by a tombstone, and /health is ok again', async () => {
    await harness.send(harness.topics.recipients, [{ key: colliding.recipientId, value: null }]);
    await decideAll(partner.recipientId); // the barrier has applied the tombstone by then
    await waitFor(async () => (await health()).status === 'ok', { what: '/health ok again' });
  });
});

// Hostile keys: far over any id limit, not UTF-8, empty (a compacted topic refuses a null key
// at the broker, so none can reach the gateway); values: tombstones, garbage, JSON of
// the wrong shape, a valid profile under another key. Ids never reach the probe's own keys.
const hostileKey = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.constant(Buffer.from('k'.repeat(60 * 1024))),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from([0xff, 0xfe, ...b])),
  fc.stringMatching(/^fz-[a-z0-9._-]{1,20}$/).map((s) => Buffer.from(s)),
);
const hostileValue = fc.oneof(
  fc.constant<Buffer | null>(null),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.constant(Buffer.from(JSON.stringify(subject('fz-other')))),
  fc.constant(Buffer.from(JSON.stringify(recipient('instructor', { recipientId: 'fz.x' })))),
);
const stateRecord = fc.record({
  recipients: fc.boolean(),
  partition: fc.integer({ min: 0, max: PARTITIONS - 1 }),
  key: hostileKey,
  value: hostileValue,
});

describe('random state records', () => {
  it('never stop the gateway deciding other keys, on every partition', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stateRecord, { minLength: 1, maxLength: 5 }), async (records) => {
        for (const [topic, toRecipients] of [
          [harness.topics.recipients, true],
          [harness.topics.subjects, false],
        ] as const) {
          const messages = records
            .filter((r) => r.recipients === toRecipients)
            .map((r) => ({ partition: r.partition, key: r.key, value: r.value }));
          if (messages.length > 0) await producer.send({ topic, acks: -1, messages });
        }
        const events = await decideAll(partner.recipientId, 30_000);
        expect(events.map((e) => e.type)).toEqual(learners.map(() => 'share.allowed'));
      }),
      { numRuns: 15 },
    );
    // Invalid records were logged by digest: no line carries a 60 KB key.
    const longest = Math.max(
      ...gateway
        .output()
        .split('\n')
        .map((l) => l.length),
    );
    expect(longest).toBeLessThan(8 * 1024);
  });
});
