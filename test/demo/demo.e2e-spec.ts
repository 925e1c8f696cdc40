// `onward demo` against a real gateway and auditor (the built apps) on their own topic prefix:
// the summary it prints must be what the audit topic holds, every request it published must
// be decided exactly once, the policy's headline rules must show, and its output must never
// carry a learner's name or email.
import { Readable, Writable } from 'node:stream';
import { topicNames, type AuditEvent, type Share, type ShareRequest } from '@app/contracts';
import { DEMO_PEOPLE } from '../../apps/cli/src/demo/demo-subjects';
import { run } from '../../apps/cli/src/program';
import { type RunningAuditor, startAuditor } from '../support/auditor/auditor-process';
import { GatewayHarness } from '../support/gateway-harness';
import { createTopics, testBrokers, testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const harness = new GatewayHarness(3);
let auditor: RunningAuditor | undefined;

/** Runs the CLI in-process with captured streams and the given environment. */
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

/** The gateway, once more if it dies in its known start-up race (see gateway-to-auditor). */
async function startGateway(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const app = harness.spawnGateway();
    const outcome = await waitFor(
      () => (app.child.exitCode !== null ? 'exited' : /"url":"/.test(app.output()) ? 'up' : null),
      { timeoutMs: 60_000, what: 'the gateway to listen or exit' },
    );
    if (outcome === 'up') return;
    if (attempt === 2) throw new Error(`gateway did not start:\n${app.output().slice(-2000)}`);
  }
}

/** Every value of `topic` so far, read_committed, from the beginning. */
async function readAll(topic: string, atLeast: number): Promise<string[]> {
  const consumer = testKafka('demo-test').consumer({ groupId: uniqueName('demo-read') });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => void values.push(String(message.value)),
  });
  await waitFor(() => values.length >= atLeast, { what: `${atLeast} records of ${topic}` });
  await consumer.disconnect();
  return values;
}

/** The count printed after `label` at the start of a summary line. */
function printed(output: string, label: string): number {
  const match = new RegExp(`^${label}\\s+(\\d+)`, 'm').exec(output);
  if (!match) throw new Error(`no "${label}" line in the demo's output`);
  return Number(match[1]);
}

beforeAll(async () => {
  await startGateway();
  await harness.connect();
  auditor = await startAuditor({ prefix: harness.prefix });
});

afterAll(async () => {
  await auditor?.app.stop('SIGTERM');
  await harness.close();
});

it('publishes a stream, summarises exactly what the audit topic holds, and leaks no data', async () => {
  const started = Date.now();
  const { code, stdout, stderr } = await runCli(['demo'], {
    KAFKA_BROKERS: testBrokers().join(','),
    ONWARD_TOPIC_PREFIX: harness.prefix,
    AUDITOR_URL: auditor!.url,
    AUDITOR_TOKEN: auditor!.token,
  });
  const seconds = (Date.now() - started) / 1000;
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(seconds).toBeLessThan(120);
  const runId = /run (\w+)/.exec(stdout)?.[1];
  const ours = (requestId: string | null | undefined) => !!requestId?.startsWith(`demo-${runId}-`);

  // Every request of the run on the input topic got exactly one audit event.
  const published = (await readAll(harness.topics.shareRequests, 302))
    .map((v) => (JSON.parse(v) as ShareRequest).requestId)
    .filter(ours);
  expect(published).toHaveLength(302);
  await harness.startReading(['univ-tum', 'brightline-surveys']);
  await harness.awaitAllDecided();
  const events: AuditEvent[] = harness.auditEvents().filter((e) => ours(e.requestId));
  const perRequest = new Map<string, number>();
  for (const e of events) perRequest.set(e.requestId!, (perRequest.get(e.requestId!) ?? 0) + 1);
  expect([...perRequest.keys()].sort()).toEqual([...published].sort());
  expect([...perRequest.values()].every((n) => n === 1)).toBe(true);

  // The summary's counts are the audit topic's.
  const decided = (d: AuditEvent['decision']) => events.filter((e) => e.decision === d);
  expect(printed(stdout, 'allowed')).toBe(decided('allow').length);
  expect(printed(stdout, 'denied')).toBe(decided('deny').length);
  expect(printed(stdout, 'rejected')).toBe(decided('reject').length);
  expect(decided('reject')).toHaveLength(2);
  expect(harness.on(harness.topics.dlq)).toHaveLength(2);
  const primaries = new Map<string, number>();
  for (const e of decided('deny')) {
    const code = e.reasons[0].code;
    primaries.set(code, (primaries.get(code) ?? 0) + 1);
  }
  for (const [reason, count] of primaries) expect(printed(stdout, ` +${reason}`)).toBe(count);
  for (const reason of [
    'SUBJECT_OPTED_OUT',
    'SUBJECT_UNDER_13',
    'RECIPIENT_SUSPENDED',
    'SUBJECT_ERASED',
  ]) {
    expect(primaries.get(reason) ?? 0).toBeGreaterThan(0);
  }

  // Research goes out under a pseudonym.
  const research = ['univ-tum', 'brightline-surveys']
    .flatMap((id) => harness.on(`${harness.prefix}shares.${id}`))
    .map((r) => JSON.parse(r.value ?? 'null') as Share)
    .filter((s) => ours(s.requestId) && s.purpose === 'research');
  expect(research.length).toBeGreaterThan(0);
  expect(research.every((s) => /^ps_[a-z2-7]+$/.test(s.subjectRef))).toBe(true);

  // Ids, counts and reason codes only: no learner's name or email.
  for (const { name, email } of Object.values(DEMO_PEOPLE)) {
    expect(stdout).not.toContain(name);
    expect(stdout).not.toContain(email);
  }
  expect(stdout).toContain(`compliance page: ${auditor!.url}/ui`);
  expect(stdout).toMatch(/auditor: verified the hash chains up to the last event of this run/);
});

describe('without a gateway', () => {
  const prefix = `${uniqueName('nogw')}.`;
  const env = { KAFKA_BROKERS: testBrokers().join(','), ONWARD_TOPIC_PREFIX: prefix };

  it('says what to start when the gateway never created its topics', async () => {
    const { code, stderr } = await runCli(['demo', '--wait-ms', '1000'], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^onward demo: .*is `npm start` running\?\n$/);
  });

  it('gives up when its requests get no audit event', async () => {
    const admin = testKafka('demo-test').admin();
    await admin.connect();
    const t = topicNames(prefix);
    const names = [t.shareRequests, t.recipients, t.subjects, t.audit];
    await createTopics(
      admin,
      names.map((topic) => ({ topic })),
    );
    await admin.disconnect();
    const argv = ['demo', '--requests', '10', '--rate', '1000', '--wait-ms', '1000'];
    const { code, stdout, stderr } = await runCli(argv, env);
    expect(code).toBe(1);
    expect(stdout).toContain('publishing 12 share requests');
    expect(stderr).toBe(
      'onward demo: no audit event for 1 s (0/12 decided): is the gateway running (`npm start`)?\n',
    );
  });
});
