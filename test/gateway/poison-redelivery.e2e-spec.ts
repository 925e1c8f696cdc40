// Inputs that used to stall a partition for good, and redelivery across a restart: a request
// whose audit event is larger than Kafka accepts, rejected records whose ids break the audit
// contract, and a backlog whose outputs exceed one produce request.
import type { ShareRequest } from '@app/contracts';
import type { AppProcess } from '../support/app-process';
import { chainAlerts } from '../support/chain';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const harness = new GatewayHarness(2);
const instructor = recipient('instructor');
const learner = 'poison-learner';
const BACKLOG = 6000;
let gateway: AppProcess;

beforeAll(async () => {
  gateway = await harness.startGateway();
  await harness.connect();
  await harness.putRecipients([instructor]);
  await harness.putSubjects([subject(learner), subject('backlog-a'), subject('backlog-b')]);
  await harness.startReading([instructor.recipientId]);
}, 120_000);

afterAll(() => harness.close());

const allowedRequest = (id: string, subjectId = learner): ShareRequest =>
  shareRequest(id, subjectId, instructor.recipientId, 'course_administration');

describe('poison messages', () => {
  it('refuses a request whose audit event would exceed the record limit, and moves on', async () => {
    const data: Record<string, number> = {};
    for (let i = 0; i < 60_000; i++) data[`f${i}`] = 0;
    const poison = JSON.stringify(allowedRequest('poison-fields', learner));
    const value = poison.replace('"data":{', `"data":{${JSON.stringify(data).slice(1, -1)},`);
    expect(Buffer.byteLength(value)).toBeLessThan(1024 * 1024);
    // The same key, so the same partition: the request after it must not be stuck behind it.
    await harness.send(harness.topics.shareRequests, [{ key: learner, value }]);
    await harness.request([allowedRequest('after-poison')]);

    expect((await harness.auditOf('after-poison', 60_000)).type).toBe('share.allowed');
    const rejected = await harness.auditOf('poison-fields');
    expect(rejected).toMatchObject({ type: 'request.rejected', decision: 'reject' });
    expect(rejected.reasons[0].code).toBe('MESSAGE_TOO_LARGE');
    const dlq = harness.on(harness.topics.dlq).find((r) => r.value === value);
    expect(dlq?.headers['onward.error']).toMatch(/^MESSAGE_TOO_LARGE: /);
  });

  it('records rejected records whose ids break the audit contract without breaking the chain', async () => {
    const base = allowedRequest('unused');
    const records = [
      { ...base, requestId: 'long-producer', producer: 'p'.repeat(100), extra: 1 },
      { ...base, requestId: 'long-purpose', purpose: 'q'.repeat(100), extra: 1 },
      { ...base, requestId: 'lone\ud800surrogate', extra: 1 },
    ];
    await harness.send(
      harness.topics.shareRequests,
      records.map((r) => ({ key: learner, value: JSON.stringify(r) })),
    );
    await harness.request([allowedRequest('after-bad-ids')]);
    await harness.auditOf('after-bad-ids');
    const events = harness.auditEvents().filter((e) => e.type === 'request.rejected');
    expect(events.find((e) => e.requestId === 'long-producer')?.producer).toBeNull();
    expect(events.find((e) => e.requestId === 'long-purpose')?.purpose).toBeNull();
    expect(events.filter((e) => e.requestId === null && e.subjectId === learner)).toHaveLength(1);
    expect(chainAlerts(harness.on(harness.topics.audit))).toEqual([]);
  });
});

describe('backlog and redelivery', () => {
  it('works off a backlog larger than one produce request, redelivered requests included', async () => {
    await harness.request([allowedRequest('redelivered')]);
    const first = await harness.auditOf('redelivered');
    // The gateway stops; requests pile up; the same request is published again.
    expect(await gateway.stop('SIGTERM')).toBe(0);
    const backlog = Array.from({ length: BACKLOG }, (_, i) =>
      allowedRequest(`backlog-${i}`, i % 2 === 0 ? 'backlog-a' : 'backlog-b'),
    );
    for (let i = 0; i < backlog.length; i += 1000)
      await harness.request(backlog.slice(i, i + 1000));
    await harness.request([allowedRequest('redelivered')]);

    await harness.startGateway();
    await harness.awaitAllDecided(120_000);
    const events = harness.auditEvents();
    const again = events.filter((e) => e.requestId === 'redelivered');
    expect(again).toHaveLength(2);
    expect(again[1]).toMatchObject({ eventId: first.eventId, shareId: first.shareId });
    expect(again[1].seq).not.toBe(again[0].seq);
    const decided = new Set(events.map((e) => e.requestId));
    expect(backlog.filter((r) => !decided.has(r.requestId))).toEqual([]);
    expect(chainAlerts(harness.on(harness.topics.audit))).toEqual([]);
    const topic = `${harness.prefix}shares.${instructor.recipientId}`;
    const allowed = events.filter((e) => e.decision === 'allow').length;
    await waitFor(() => harness.count(topic) >= allowed, { what: 'every share' });
    expect(harness.count(topic)).toBe(allowed);
  });
});
