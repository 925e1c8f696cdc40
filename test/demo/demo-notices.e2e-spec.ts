// The demo's erasure step over the real pipeline (the built gateway and auditor, issue 14):
// after its requests are decided it erases one learner, and exactly the recipients that had
// that learner's data are told, each on its own topic under the ref it received, with one
// notice.sent audit event each in intact chains; one partner acknowledges, and the auditor
// shows the notice confirmed.
import { Readable, Writable } from 'node:stream';
import {
  MESSAGE_TYPE_HEADER,
  noticeAckTopicFor,
  parseSubjectNotice,
  type AuditEvent,
  type Share,
} from '@app/contracts';
import { DEMO_PEOPLE } from '../../apps/cli/src/demo/demo-subjects';
import { run } from '../../apps/cli/src/program';
import { type RunningAuditor, startAuditor } from '../support/auditor/auditor-process';
import { chainAlerts } from '../support/chain';
import { GatewayHarness } from '../support/gateway-harness';
import { testBrokers, testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const ERASED = 'demo-eu-resident';
const harness = new GatewayHarness(3);
let auditor: RunningAuditor | undefined;

async function runCli(argv: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({ write: (chunk, _e, done) => (append(String(chunk)), done()) });
  const io = {
    stdin: Readable.from([]),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Every record of `topic` from the beginning, with keys, once `atLeast` arrived. */
async function readAll(topic: string, atLeast: number) {
  const consumer = testKafka('demo-notices').consumer({ groupId: uniqueName('read') });
  const records: { key: string | null; value: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) =>
      void records.push({ key: message.key?.toString() ?? null, value: String(message.value) }),
  });
  await waitFor(() => records.length >= atLeast, { what: `${atLeast} records of ${topic}` });
  await consumer.disconnect();
  return records;
}

beforeAll(async () => {
  harness.spawnGateway();
  await harness.connect();
  auditor = await startAuditor({
    prefix: harness.prefix,
    env: { AUDITOR_NOTICE_ACK_REFRESH_MS: '1000' },
  });
});

afterAll(async () => {
  await auditor?.app.stop('SIGTERM');
  await harness.close();
});

it('erases one learner: every recipient that had the data is told once, and one confirms', async () => {
  const { code, stdout, stderr } = await runCli(
    ['demo', '--requests', '40', '--rate', '1000', '--wait-ms', '60000'],
    {
      KAFKA_BROKERS: testBrokers().join(','),
      ONWARD_TOPIC_PREFIX: harness.prefix,
      AUDITOR_URL: auditor!.url,
      AUDITOR_TOKEN: auditor!.token,
    },
  );
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

  // Who had the learner's data: the recipients of its allowed shares.
  const everyone = ['instr-ng', 'univ-tum', 'acme-books', 'postbox-mail', 'brightline-surveys'];
  await harness.startReading(everyone);
  await harness.awaitAllDecided();
  const allowed = harness
    .auditEvents()
    .filter((e) => e.decision === 'allow' && e.subjectId === ERASED);
  const had = new Set(allowed.map((e) => e.recipientId!));
  expect(had.size).toBeGreaterThanOrEqual(3);
  expect(had.has('univ-tum')).toBe(true); // research: pseudonymised

  // One notice.sent per recipient that had the data, and none to anyone else.
  const notices = await waitFor(
    () => {
      const found = harness
        .auditEvents()
        .filter((e: AuditEvent) => e.type === 'notice.sent' && e.subjectId === ERASED);
      return found.length >= had.size ? found : null;
    },
    { what: 'a notice.sent per recipient', timeoutMs: 60_000 },
  );
  expect(notices.map((n) => n.recipientId).sort()).toEqual([...had].sort());
  expect(notices.every((n) => n.notice?.kind === 'erase')).toBe(true);
  expect(chainAlerts(harness.on(harness.topics.audit))).toEqual([]);

  // Each on the recipient's own topic, keyed by the ref it received (a pseudonym for research).
  for (const recipientId of everyone) {
    const topic = `${harness.prefix}shares.${recipientId}`;
    const records = harness.on(topic);
    const told = records.filter((r) => r.headers[MESSAGE_TYPE_HEADER] === 'notice');
    const shares = records
      .filter((r) => r.headers[MESSAGE_TYPE_HEADER] !== 'notice')
      .map((r) => JSON.parse(r.value ?? 'null') as Share);
    const refs = new Set(
      shares.filter((s) => allowed.some((a) => a.shareId === s.shareId)).map((s) => s.subjectRef),
    );
    if (!had.has(recipientId)) {
      expect([recipientId, told]).toEqual([recipientId, []]);
      continue;
    }
    expect([recipientId, told.length]).toEqual([recipientId, 1]);
    const parsed = parseSubjectNotice(told[0].value ?? '');
    if (!parsed.ok) throw new Error(`notice to ${recipientId}: ${parsed.errors.join('; ')}`);
    expect(parsed.value).toMatchObject({ kind: 'erase', recipientId, cause: 'subject.erased' });
    expect(refs).toEqual(new Set([told[0].key]));
  }

  // The demo said so, and one partner acknowledged on its own topic, keyed by the noticeId.
  expect(stdout).toContain(`erased ${ERASED}: ${had.size} notice(s)`);
  const acked = /^(\S+) acknowledged (nt-[a-z2-7]{26}) \(done\)/m.exec(stdout);
  expect(acked).not.toBeNull();
  const [, recipientId, noticeId] = acked!;
  expect(had.has(recipientId)).toBe(true);
  const acks = await readAll(noticeAckTopicFor(harness.prefix, recipientId), 1);
  expect(acks.map((a) => [a.key, JSON.parse(a.value).status])).toEqual([[noticeId, 'done']]);
  expect(stdout).toContain(`auditor: ${recipientId} confirmed the erasure`);

  // The auditor holds the notices and the confirmation; the others are outstanding.
  const report = await auditor!.get<{
    notices: { noticeId: string; recipientId: string; answer: { status: string } | null }[];
  }>(`/api/subjects/${ERASED}/notices`);
  expect(report.notices.map((n) => [n.recipientId, n.answer?.status ?? null]).sort()).toEqual(
    [...had].map((r) => [r, r === recipientId ? 'done' : null]).sort(),
  );
  const outstanding = await auditor!.get<{ notices: { noticeId: string }[] }>(
    '/api/reports/outstanding-notices?olderThanDays=0',
  );
  expect(outstanding.notices.map((n) => n.noticeId)).not.toContain(noticeId);
  expect(outstanding.notices).toHaveLength(had.size - 1);

  for (const { name, email } of Object.values(DEMO_PEOPLE)) {
    expect(stdout).not.toContain(name);
    expect(stdout).not.toContain(email);
  }
});
