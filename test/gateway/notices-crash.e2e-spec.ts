// Notices exactly once under crashes: 2,000 subject changes flow while the gateway is killed
// with SIGKILL at random moments and restarted on the same state directory. A read_committed
// reader must then find exactly one notice and one notice.sent event per change that calls
// for one, with the deterministic ids of those changes, and unbroken chains.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { MESSAGE_TYPE_HEADER, noticeIdFor, type SubjectProfile } from '@app/contracts';
import type { AppProcess } from '../support/app-process';
import { chainAlerts } from '../support/chain';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const SUBJECTS = 200;
const CHANGES = 2000;
const CHUNK = 100;
const KILLS = 3;
// Rounds 0, 2, 4, … opt out of marketing (a notice to the marketer), odd rounds opt back in.
const EXPECTED_NOTICES = SUBJECTS * Math.ceil(CHANGES / SUBJECTS / 2);

const harness = new GatewayHarness(3);
const gatewayEnv = {
  GATEWAY_TRANSACTION_TIMEOUT_MS: '10000',
  GATEWAY_SESSION_TIMEOUT_MS: '8000',
  GATEWAY_STATE_DIR: join(tmpdir(), uniqueName('gw-notice-state')),
};
const marketer = recipient('business_partner');
const instructor = recipient('instructor');
const subjectId = (i: number) => `nc-s-${i % SUBJECTS}`;

function changeAt(i: number): SubjectProfile {
  const round = Math.floor(i / SUBJECTS);
  return subject(subjectId(i), { optOuts: round % 2 === 0 ? ['marketing'] : [] });
}

const notices = () =>
  harness
    .on(`${harness.prefix}shares.${marketer.recipientId}`)
    .filter((r) => r.headers[MESSAGE_TYPE_HEADER] === 'notice');
const noticeEvents = () => harness.auditEvents().filter((e) => e.type === 'notice.sent');

async function produceChanges(): Promise<void> {
  for (let from = 0; from < CHANGES; from += CHUNK) {
    const chunk = Array.from({ length: CHUNK }, (_, k) => changeAt(from + k));
    await harness.putSubjects(chunk);
  }
}

async function killAtRandomMoment(app: AppProcess, n: number): Promise<string> {
  if (n === 0) {
    await waitFor(() => app.output().includes('assigned input partitions'), {
      timeoutMs: 90_000,
      what: 'the first instance to be assigned partitions',
    });
  } else {
    const target = Math.min(notices().length + randomInt(50, 300), EXPECTED_NOTICES - 100);
    await waitFor(() => notices().length >= target, {
      timeoutMs: 90_000,
      what: `${target} notices before kill ${n}`,
    });
  }
  await app.stop('SIGKILL');
  return `kill ${n} at ${notices().length} notices read`;
}

/** Waits until the gateway group has committed every subject change. */
async function awaitAllNoticed(): Promise<void> {
  const admin = harness.kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const topic = harness.topics.subjects;
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId: harness.groupId, topics: [topic] }),
        ]);
        return ends.every(
          (e) => committed?.partitions.find((p) => p.partition === e.partition)?.offset === e.high,
        );
      },
      { timeoutMs: 180_000, intervalMs: 250, what: 'every subject change noticed' },
    );
  } finally {
    await admin.disconnect();
  }
}

/** The notice ids the changes that opted out of marketing must have produced. */
async function expectedNoticeIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  const consumer = harness.kafka.consumer({ groupId: uniqueName('nc-subjects') });
  await consumer.connect();
  await consumer.subscribe({ topics: [harness.topics.subjects], fromBeginning: true });
  let seen = 0;
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      seen += 1;
      const profile = JSON.parse(String(message.value)) as SubjectProfile;
      if (!profile.optOuts.includes('marketing')) return;
      const ref = { topic: harness.topics.subjects, partition, offset: message.offset };
      ids.add(noticeIdFor(ref, marketer.recipientId));
    },
  });
  await waitFor(() => seen >= SUBJECTS + CHANGES, { what: 'every subject record read back' });
  await consumer.disconnect();
  return ids;
}

beforeAll(async () => {
  const first = await harness.startGateway(gatewayEnv);
  await harness.connect();
  await harness.putRecipients([marketer, instructor]);
  await harness.putSubjects(Array.from({ length: SUBJECTS }, (_, i) => subject(subjectId(i))));
  await harness.startReading([marketer.recipientId, instructor.recipientId]);
  await harness.request(
    Array.from({ length: SUBJECTS }, (_, i) => [
      shareRequest(`nc-m-${i}`, subjectId(i), marketer.recipientId, 'marketing'),
      shareRequest(`nc-c-${i}`, subjectId(i), instructor.recipientId, 'course_administration'),
    ]).flat(),
  );
  await harness.awaitAllDecided(120_000);
  await first.stop('SIGTERM');
}, 180_000);

afterAll(() => harness.close());

describe('notice crash consistency', () => {
  it(`sends every notice of ${CHANGES} subject changes exactly once across ${KILLS} SIGKILLs`, async () => {
    const producing = produceChanges();
    const moments: string[] = [];
    let app = harness.spawnGateway(gatewayEnv);
    for (let n = 0; n < KILLS; n++) {
      moments.push(await killAtRandomMoment(app, n));
      app = harness.spawnGateway(gatewayEnv);
    }
    await producing;
    await awaitAllNoticed();
    const lengths = await harness.awaitAllDecided(120_000);
    const expected = await expectedNoticeIds();
    expect(expected.size).toBe(EXPECTED_NOTICES);
    console.log(`notice crash consistency: ${CHANGES} changes, ${moments.join('; ')}`);

    const events = noticeEvents();
    const eventIds = events.map((e) => e.notice?.noticeId ?? '');
    expect(eventIds).toHaveLength(EXPECTED_NOTICES);
    expect(new Set(eventIds)).toEqual(expected);
    const records = await waitFor(() => (notices().length >= EXPECTED_NOTICES ? notices() : null), {
      what: 'every notice read',
    });
    const recordIds = records.map((r) => r.headers['onward.notice-id']);
    expect(recordIds).toHaveLength(EXPECTED_NOTICES);
    expect(new Set(recordIds)).toEqual(expected);
    // The instructor's course data is not an opt-out purpose: it is never told.
    const instructorTopic = `${harness.prefix}shares.${instructor.recipientId}`;
    expect(
      harness.on(instructorTopic).filter((r) => r.headers[MESSAGE_TYPE_HEADER] === 'notice'),
    ).toEqual([]);
    expect(chainAlerts(harness.on(harness.topics.audit))).toEqual([]);
    const all = harness.auditEvents();
    for (const [partition, length] of lengths) {
      const seqs = all.filter((e) => e.partition === partition).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length }, (_, i) => i));
    }
  }, 420_000);
});
