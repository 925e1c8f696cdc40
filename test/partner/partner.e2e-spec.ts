// The partner reference integration (apps/partner) against the secured broker: it connects with
// the credentials `onward access partner add` wrote, receives its own shares read_committed,
// stores only valid ones (skipping the rest by offset, never stalling), cannot read another
// partner's topic, and erases a learner on the gateway's notice, acknowledging it.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MESSAGE_TYPE_HEADER, noticeAckTopicFor, shareIdFor } from '@app/contracts';
import Database from 'better-sqlite3';
import type { IHeaders } from 'kafkajs';
import { SecuredDeployment } from '../security/security-fixture';
import { startApp, type AppProcess } from '../support/app-process';
import { uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const d = new SecuredDeployment();
const dataDir = mkdtempSync(join(tmpdir(), 'onward-partner-e2e-'));
const MARKER = 'SECRET-MARKER-7731';
const running: AppProcess[] = [];

// A secured broker, the provisioned principals and the real gateway: minutes on a loaded machine.
beforeAll(async () => {
  await d.start();
  await d.onboardPartners();
}, 300_000);

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
  await d.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The variables of `<user>.env`, as `onward access partner add` wrote them. */
function envFileOf(user: string): Record<string, string> {
  const text = readFileSync(join(d.secrets, `${user}.env`), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

function startPartner(
  credentialsOf: string,
  recipientId: string,
  db: string,
  extra: Record<string, string> = {},
): AppProcess {
  const partner = startApp('partner', {
    ...envFileOf(d.partner(credentialsOf)),
    ...extra,
    KAFKA_BROKERS: d.broker.brokers,
    ONWARD_TOPIC_PREFIX: d.prefix,
    PARTNER_RECIPIENT_ID: recipientId,
    PARTNER_DB_PATH: db,
  });
  running.push(partner);
  return partner;
}

/** Writes records to `topic` as the super-user, with keys and headers. */
async function writeRaw(
  topic: string,
  messages: { key: string; value: string; headers?: IHeaders }[],
  { abort = false } = {},
): Promise<void> {
  const kafka = d.broker.admin({ retry: { retries: 8 } });
  const producer = abort
    ? kafka.producer({
        transactionalId: uniqueName('tx'),
        idempotent: true,
        maxInFlightRequests: 1,
      })
    : kafka.producer();
  await producer.connect();
  try {
    if (!abort) return void (await producer.send({ topic, acks: -1, messages }));
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages });
    await transaction.abort();
  } finally {
    await producer.disconnect();
  }
}

function validShare(requestId: string, recipientId: string) {
  return JSON.stringify({
    shareId: shareIdFor(requestId, recipientId),
    requestId,
    recipientId,
    purpose: 'course_administration',
    subjectRef: d.learner,
    data: { name: MARKER },
    policy: {
      id: 'coursera-privacy',
      version: '2015-11-04',
      digest: 'sha256:823412d1eacb67956220e532959f0104603057c88704863ca38e7cd188fda812',
    },
    sharedAt: '2026-03-01T10:00:00.120Z',
  });
}

interface Stored {
  requests: string[];
  skipped: string[];
}

function readStore(file: string): Stored {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const requests = db.prepare('SELECT request_id FROM shares ORDER BY 1').pluck().all();
    const skipped = db.prepare('SELECT reason FROM skipped ORDER BY 1').pluck().all();
    return { requests: requests as string[], skipped: skipped as string[] };
  } finally {
    db.close();
  }
}

it('receives its shares read_committed and stores only the valid ones, never stalling', async () => {
  const topic = d.shareTopic(d.partnerA);
  await d.request('req-partner-1', d.partnerA);
  await d.request('req-partner-other', d.partnerB);
  await writeRaw(topic, [
    { key: d.learner, value: `{"name":"${MARKER}"`, headers: { 'onward.message-type': 'share' } },
    { key: d.learner, value: validShare('req-partner-foreign', d.partnerB) },
    {
      key: d.learner,
      value: validShare('req-partner-x', d.partnerA),
      headers: { 'onward.message-type': 'gossip' },
    },
  ]);
  // A share whose transaction was aborted is never visible to a read_committed reader.
  await writeRaw(
    topic,
    [{ key: d.learner, value: validShare('req-partner-aborted', d.partnerA) }],
    {
      abort: true,
    },
  );
  await d.request('req-partner-2', d.partnerA);

  const file = join(dataDir, 'acme', 'shares.sqlite');
  const partner = startPartner(d.partnerA, d.partnerA, file);
  await waitFor(() => partner.output().includes('partner listening'), {
    what: 'the partner to listen',
    timeoutMs: 60_000,
  });
  const stored = await waitFor(
    () => {
      // The store first, then the log line: the child's output may trail its writes.
      const s = readStore(file);
      const logged = partner.output().split('record skipped').length - 1;
      return s.requests.length >= 2 && s.skipped.length >= 3 && logged >= 3 ? s : null;
    },
    { what: 'two shares stored and three records skipped and logged', timeoutMs: 60_000 },
  );
  expect(stored.requests).toEqual(['req-partner-1', 'req-partner-2']);
  expect(stored.skipped).toEqual(['INVALID_JSON', 'UNKNOWN_MESSAGE_TYPE', 'WRONG_RECIPIENT']);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
  const output = partner.output();
  expect(output).not.toContain(MARKER);
  expect(output).not.toContain(
    readFileSync(join(d.secrets, `${d.partner(d.partnerA)}.password`), 'utf8').trim(),
  );
});

it("cannot read another partner's topic: the broker refuses it", async () => {
  // Partner acme's credentials, configured for acme.eu's topic.
  const file = join(dataDir, 'snoop', 'shares.sqlite');
  const snoop = startPartner(d.partnerA, d.partnerB, file);
  await waitFor(() => snoop.child.exitCode !== null, {
    what: 'the misconfigured partner to give up',
    timeoutMs: 60_000,
  });
  expect(snoop.child.exitCode).toBe(1);
  expect(snoop.output()).toContain('TOPIC_AUTHORIZATION_FAILED');
  expect(readStore(file).requests).toEqual([]);
});

it("erases the learner's stored shares on the gateway's erase notice and acknowledges it", async () => {
  const file = join(dataDir, 'notices', 'shares.sqlite');
  startPartner(d.partnerA, d.partnerA, file, { PARTNER_GROUP_ID: `${d.partnerA}:notices` });
  await waitFor(() => readStore(file).requests.length >= 2, {
    what: "the learner's shares stored",
    timeoutMs: 60_000,
  });

  // The erasure goes through the real pipeline: the gateway tells each past recipient.
  await d.eraseLearner();
  await waitFor(() => readStore(file).requests.length === 0, {
    what: "the learner's shares erased on the notice",
    timeoutMs: 90_000,
  });
  const notices = (
    await d.readAsAdmin(
      d.shareTopic(d.partnerA),
      (r) => r.some((m) => m.headers[MESSAGE_TYPE_HEADER] === 'notice'),
      'the notice on the partner topic',
    )
  ).filter((m) => m.headers[MESSAGE_TYPE_HEADER] === 'notice');
  expect(notices).toHaveLength(1);
  const noticeId = JSON.parse(notices[0].value ?? '{}').noticeId as string;
  expect(noticeId).toMatch(/^nt-[a-z2-7]{26}$/);

  // `onward access partner add` made the acks topic and let this partner (only) write it.
  const acks = await d.readAsAdmin(
    noticeAckTopicFor(d.prefix, d.partnerA),
    (r) => r.length >= 1,
    'the acknowledgement',
  );
  for (const ack of acks) {
    expect(ack.key).toBe(noticeId);
    expect(JSON.parse(ack.value ?? '{}')).toMatchObject({ noticeId, status: 'done' });
  }
});
