// No single share request can stall the gateway or make /health lie (issue 19): a 256 KiB key
// (kafkajs' murmur2 over it used to block the event loop for tens of seconds, and the group
// rebalanced) is refused to the DLQ on its own partition while the other partitions keep being
// decided; a key that is not UTF-8 is refused like a value; random hostile records never stop
// the decisions of other keys; and a partition whose batches keep failing shows in /health.
import { ConfigResourceTypes, Partitioners, type Admin } from 'kafkajs';
import fc from 'fast-check';
import type { AppProcess } from '../support/app-process';
import { chainAlerts } from '../support/chain';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const PARTITIONS = 3;
const harness = new GatewayHarness(PARTITIONS);
const instructor = recipient('instructor');
const HUGE_KEY = 'k'.repeat(256 * 1024);
/** How long other partitions may take to be decided while a hostile record is handled. */
const DECIDED_WITHIN_MS = 30_000;
let gateway: AppProcess;
let admin: Admin;
let sent = 0;

/** One subject id per input partition, as the producers' murmur2 places them. */
function learnerPerPartition(): string[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
  const found = new Map<number, string>();
  for (let i = 0; found.size < PARTITIONS; i++) {
    const key = `hostile-learner-${i}`;
    const p = partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
    if (!found.has(p)) found.set(p, key);
  }
  return [...found].sort(([a], [b]) => a - b).map(([, key]) => key);
}
const learners = learnerPerPartition();

const allowed = (requestId: string, subjectId: string) =>
  shareRequest(requestId, subjectId, instructor.recipientId, 'course_administration');

/** Publishes raw records (explicit partitions) and counts them for the chain-length check. */
async function sendRaw(
  records: { key: string | Buffer | null; value: string | Buffer | null; partition: number }[],
) {
  await harness.send(harness.topics.shareRequests, records);
  sent += records.length;
}

/** One allowed request per partition; resolves when all are decided, returning their events. */
async function decideOnEveryPartition(tag: string, timeoutMs = DECIDED_WITHIN_MS) {
  const requests = learners.map((l, p) => ({ p, request: allowed(`${tag}-${p}`, l) }));
  await sendRaw(
    requests.map(({ p, request }) => ({
      key: request.subjectId,
      value: JSON.stringify(request),
      partition: p,
    })),
  );
  return Promise.all(requests.map(({ request }) => harness.auditOf(request.requestId, timeoutMs)));
}

beforeAll(async () => {
  gateway = await harness.startGateway();
  await harness.connect();
  admin = harness.kafka.admin();
  await admin.connect();
  await harness.putRecipients([instructor]);
  await harness.putSubjects(learners.map((l) => subject(l)));
  await harness.startReading([instructor.recipientId]);
  await decideOnEveryPartition('warm-up', 60_000);
}, 180_000);

afterAll(async () => {
  await admin?.disconnect();
  await harness.close();
});

describe('hostile keys', () => {
  it('refuses a 256 KiB key to the DLQ on its own partition while every partition keeps being decided', async () => {
    await sendRaw(
      Array.from({ length: PARTITIONS }, (_, partition) => ({
        key: HUGE_KEY,
        value: '{}',
        partition,
      })),
    );
    const events = await decideOnEveryPartition('after-huge-key');
    expect(events.map((e) => [e.partition, e.type])).toEqual(
      learners.map((_, p) => [p, 'share.allowed']),
    );
    const dlq = await waitFor(
      () => {
        const copies = harness.on(harness.topics.dlq).filter((r) => r.key === HUGE_KEY);
        return copies.length === PARTITIONS ? copies : null;
      },
      { what: 'the DLQ copies of the huge-key records' },
    );
    // Written to the partition it came from, never to one kafkajs hashed the key into.
    for (const copy of dlq) {
      expect(copy.partition).toBe(Number(copy.headers['onward.source.partition']));
      expect(copy.headers['onward.error']).toBe('MESSAGE_TOO_LARGE: (key): larger than 512 bytes');
    }
    const rejected = harness
      .on(harness.topics.audit)
      .filter((r) => r.value?.includes('"MESSAGE_TOO_LARGE"'));
    expect(rejected).toHaveLength(PARTITIONS);
    // The audit trail is kept forever: the hostile key is not copied into it.
    expect(rejected.map((r) => r.key)).toEqual([null, null, null]);
    expect(gateway.output()).toMatch(/"keyBytes":262144.*"request refused to the DLQ"/);
    expect(gateway.output()).not.toContain('kkkkkkkk');
  });

  it('refuses a key that is not valid UTF-8 even when its lenient decoding equals the subjectId', async () => {
    const subjectId = `${learners[1]}\ufffd`;
    await harness.putSubjects([subject(subjectId)]);
    const key = Buffer.concat([Buffer.from(learners[1]), Buffer.from([0xff])]);
    const request = allowed('bad-utf8-key', subjectId);
    await sendRaw([{ key, value: JSON.stringify(request), partition: 1 }]);
    const event = await harness.auditOf('bad-utf8-key');
    expect(event.type).toBe('request.rejected');
    expect(event.reasons[0].code).toBe('KEY_MISMATCH');
    const dlq = await waitFor(() =>
      harness.on(harness.topics.dlq).find((r) => r.headers['onward.error']?.startsWith('KEY_')),
    );
    expect(dlq.headers['onward.error']).toBe('KEY_MISMATCH: (key): not valid UTF-8');
    expect(dlq.partition).toBe(1);
  });
});

describe('duplicate JSON keys', () => {
  it('refuse a request, and a recipient whose second "status" would read as active', async () => {
    const twoStatuses = recipient('instructor', { recipientId: 'two-statuses' });
    const text = JSON.stringify(twoStatuses).replace('{', '{"status":"suspended",');
    await harness.send(harness.topics.recipients, [{ key: 'two-statuses', value: text }]);
    const toIt = allowed('to-two-statuses', learners[0]);
    toIt.recipientId = 'two-statuses';
    const dupRequest = JSON.stringify(allowed('dup-request', learners[0])).replace(
      '{',
      '{"purpose":"marketing",',
    );
    await sendRaw([
      { key: learners[0], value: JSON.stringify(toIt), partition: 0 },
      { key: learners[0], value: dupRequest, partition: 0 },
    ]);
    const denied = await harness.auditOf('to-two-statuses');
    expect(denied.decision).toBe('deny');
    expect(denied.reasons[0].code).toBe('UNKNOWN_RECIPIENT');
    const rejected = await harness.auditOf('dup-request');
    expect(rejected.reasons[0].code).toBe('INVALID_MESSAGE');
    const dlq = await waitFor(() =>
      harness.on(harness.topics.dlq).find((r) => r.value === dupRequest),
    );
    expect(dlq.headers['onward.error']).toBe('INVALID_MESSAGE: purpose: duplicate key');
  });
});

describe('unclassified field names', () => {
  it('enter the audit trail as keyed tokens, never verbatim', async () => {
    const name = 'ssn 078-05-1120 of victim@example.org';
    const request = allowed('personal-field-name', learners[2]);
    request.data = { ...request.data, [name]: 'x' };
    await sendRaw([{ key: learners[2], value: JSON.stringify(request), partition: 2 }]);
    const event = await harness.auditOf('personal-field-name');
    expect(event.decision).toBe('allow');
    const token = event.fieldsWithheld.find((f) => f.startsWith('unclassified:'));
    expect(token).toMatch(/^unclassified:hmac-sha256:[0-9a-f]{64}$/);
    expect(event.reasons).toContainEqual(
      expect.objectContaining({ code: 'UNCLASSIFIED_FIELD', field: token }),
    );
    const audit = harness.on(harness.topics.audit).map((r) => r.value ?? '');
    expect(audit.filter((v) => v.includes('078-05-1120'))).toEqual([]);
  });
});

const hostileKey = fc.oneof(
  fc.constant(null),
  fc.constant(HUGE_KEY),
  fc.constantFrom(...learners),
  fc.uint8Array({ maxLength: 700 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.constant('{}'),
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record({ subjectId: fc.constantFrom(...learners), dup: fc.boolean() })
    .map(({ subjectId, dup }) => {
      const text = JSON.stringify(allowed(`hostile-${sent}`, subjectId));
      return dup ? text.replace('{', `{"recipientId":"x",`) : text;
    }),
);
const hostileRecord = fc.record({
  key: hostileKey,
  value: hostileValue,
  partition: fc.integer({ min: 0, max: PARTITIONS - 1 }),
});

describe('any hostile records', () => {
  it('never stop the decisions of other keys, and every record gets one audit event', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileRecord, { minLength: 1, maxLength: 8 }), async (records) => {
        run += 1;
        await sendRaw(records);
        const events = await decideOnEveryPartition(`property-${run}`);
        expect(events.every((e) => e.type === 'share.allowed')).toBe(true);
        const lengths = await harness.awaitAllDecided();
        expect([...lengths.values()].reduce((a, b) => a + b, 0)).toBe(sent);
      }),
      { numRuns: 4 },
    );
    expect(chainAlerts(harness.on(harness.topics.audit))).toEqual([]);
  });
});

describe('/health', () => {
  const auditConfig = (maxMessageBytes: string) =>
    admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: harness.topics.audit,
          configEntries: [
            { name: 'max.message.bytes', value: maxMessageBytes },
            { name: 'retention.ms', value: '-1' },
          ],
        },
      ],
    });

  it('says degraded, naming the partitions, while batches keep failing, and ok once they commit', async () => {
    expect((await harness.health(gateway)).status).toBe('ok');
    // Every audit event is now too large for the audit topic: each batch's transaction fails.
    await auditConfig('100');
    const requests = learners.map((l, p) => ({ p, request: allowed(`while-stuck-${p}`, l) }));
    await sendRaw(
      requests.map(({ p, request }) => ({
        key: request.subjectId,
        value: JSON.stringify(request),
        partition: p,
      })),
    );
    const degraded = await waitFor(
      async () => {
        const health = await harness.health(gateway);
        return health.pipeline.stuck.length === PARTITIONS ? health : null;
      },
      { timeoutMs: 60_000, what: '/health to report every partition stuck' },
    );
    expect(degraded.status).toBe('degraded');
    expect(degraded.reasons).toEqual(
      learners.map((_, p) =>
        expect.stringMatching(new RegExp(`^input partition ${p}: \\d+ batches aborted in a row`)),
      ),
    );
    const response = await fetch(`${await gateway.url()}/health`);
    expect(response.status).toBe(503);

    await auditConfig('1114124');
    await Promise.all(requests.map(({ request }) => harness.auditOf(request.requestId, 90_000)));
    await waitFor(async () => (await harness.health(gateway)).status === 'ok', {
      what: '/health back to ok',
    });
  });
});
