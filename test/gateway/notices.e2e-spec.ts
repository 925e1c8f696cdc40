// Notices to past recipients (DESIGN §7), end to end on a real broker: who is told of an
// erasure, an opt-out and a withdrawn consent, on which topic and under which key, with one
// `notice.sent` audit event each in intact chains.
import { pseudonymise } from '@app/policy';
import {
  MESSAGE_TYPE_HEADER,
  parseSubjectNotice,
  type AuditEvent,
  type SubjectNotice,
} from '@app/contracts';
import type { AppProcess } from '../support/app-process';
import { chainAlerts } from '../support/chain';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness, TEST_PSEUDONYM_KEY, type ReadRecord } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const harness = new GatewayHarness(3);
const marketer = recipient('business_partner');
const researcher = recipient('university_partner');
const instructor = recipient('instructor');
const otherInstructor = recipient('instructor', { recipientId: 'instructor-2' });
const site = recipient('third_party_site');
const everyone = [marketer, researcher, instructor, otherInstructor, site];
const socialConsent = {
  recipientId: site.recipientId,
  purpose: 'social_integration',
  categories: ['identity.name', 'contact.email'],
  givenAt: '2026-01-01T00:00:00Z',
};

const isNotice = (r: ReadRecord) => r.headers[MESSAGE_TYPE_HEADER] === 'notice';
const noticeRecords = () =>
  harness.records.filter((r) => r.topic.startsWith(`${harness.prefix}shares.`) && isNotice(r));
const noticeEvents = (subjectId: string): AuditEvent[] =>
  harness.auditEvents().filter((e) => e.type === 'notice.sent' && e.subjectId === subjectId);
const topicOf = (recipientId: string) => `${harness.prefix}shares.${recipientId}`;

/** The notices about `subjectId` once `count` of their audit events are read. */
async function noticesAbout(subjectId: string, count: number): Promise<ReadRecord[]> {
  const events = await waitFor(() => (noticeEvents(subjectId).length >= count ? true : null), {
    timeoutMs: 60_000,
    what: `${count} notice.sent events of ${subjectId}`,
  });
  expect(events).toBe(true);
  const ids = new Set(noticeEvents(subjectId).map((e) => e.notice?.noticeId));
  return waitFor(
    () => {
      const found = noticeRecords().filter((r) => ids.has(r.headers['onward.notice-id']));
      return found.length >= ids.size ? found : null;
    },
    { what: `the notices of ${subjectId}` },
  );
}

const parsed = (r: ReadRecord): SubjectNotice => {
  const result = parseSubjectNotice(r.value ?? '');
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
};

let gateway: AppProcess;

beforeAll(async () => {
  gateway = await harness.startGateway();
  await harness.connect();
  await harness.putRecipients(everyone);
  await harness.putSubjects([
    subject('nt-erased'),
    subject('nt-optout'),
    subject('nt-consent', { consents: [socialConsent] }),
    subject('nt-bystander'),
  ]);
  await harness.startReading(everyone.map((r) => r.recipientId));
  await harness.request([
    shareRequest('nt-1', 'nt-erased', marketer.recipientId, 'marketing'),
    shareRequest('nt-2', 'nt-erased', researcher.recipientId, 'research'),
    shareRequest('nt-3', 'nt-erased', instructor.recipientId, 'course_administration'),
    shareRequest('nt-4', 'nt-bystander', otherInstructor.recipientId, 'course_administration'),
    shareRequest('nt-5', 'nt-optout', marketer.recipientId, 'marketing'),
    shareRequest('nt-6', 'nt-optout', instructor.recipientId, 'course_administration'),
    shareRequest('nt-7', 'nt-consent', site.recipientId, 'social_integration'),
    shareRequest('nt-8', 'nt-consent', instructor.recipientId, 'course_administration'),
  ]);
  await harness.awaitAllDecided();
  const allowed = harness.auditEvents().filter((e) => e.decision === 'allow');
  expect(allowed.map((e) => e.requestId).sort()).toEqual(
    ['nt-1', 'nt-2', 'nt-3', 'nt-4', 'nt-5', 'nt-6', 'nt-7', 'nt-8'].sort(),
  );
}, 120_000);

afterAll(() => harness.close());

describe('notices to past recipients', () => {
  it('shares carry the share message type', async () => {
    const shares = await waitFor(
      () => {
        const found = harness.records.filter((r) => r.topic.startsWith(`${harness.prefix}shares.`));
        return found.length >= 8 ? found : null;
      },
      { what: 'the eight shares' },
    );
    expect(shares.length).toBe(8);
    expect(new Set(shares.map((r) => r.headers[MESSAGE_TYPE_HEADER]))).toEqual(new Set(['share']));
  });

  it('an erasure reaches exactly the three recipients that had the learner, under their refs', async () => {
    await harness.putSubjects([subject('nt-erased', { erased: true })]);
    const records = await noticesAbout('nt-erased', 3);
    const pseudonym = pseudonymise(TEST_PSEUDONYM_KEY, researcher.recipientId, 'nt-erased');
    expect(records.map((r) => [r.topic, r.key]).sort()).toEqual(
      [
        [topicOf(marketer.recipientId), 'nt-erased'],
        [topicOf(researcher.recipientId), pseudonym],
        [topicOf(instructor.recipientId), 'nt-erased'],
      ].sort(),
    );
    const notices = records.map(parsed);
    expect(new Set(notices.map((n) => `${n.kind}/${n.cause}`))).toEqual(
      new Set(['erase/subject.erased']),
    );
    for (const n of notices) expect(topicOf(n.recipientId)).toBe(records[notices.indexOf(n)].topic);
    expect(notices.find((n) => n.recipientId === researcher.recipientId)?.subjectRef).toBe(
      pseudonym,
    );
    // One notice.sent event per notice, each naming its notice and nothing more.
    const events = noticeEvents('nt-erased');
    expect(events.map((e) => e.notice?.noticeId).sort()).toEqual(
      notices.map((n) => n.noticeId).sort(),
    );
    expect(events.every((e) => e.decision === 'notice')).toBe(true);
    // The recipient that only had another learner is told nothing about this one.
    expect(noticeRecords().filter((r) => r.topic === topicOf(otherInstructor.recipientId))).toEqual(
      [],
    );
  });

  it('an opt-out of marketing tells only the marketing recipient', async () => {
    await harness.putSubjects([subject('nt-optout', { optOuts: ['marketing'] })]);
    const records = await noticesAbout('nt-optout', 1);
    expect(records.map((r) => [r.topic, r.key])).toEqual([
      [topicOf(marketer.recipientId), 'nt-optout'],
    ]);
    expect(parsed(records[0])).toMatchObject({
      kind: 'stop_purpose',
      cause: 'subject.opted_out',
      purposes: ['marketing'],
    });
  });

  it('a withdrawn third-party consent tells only that site', async () => {
    const withdrawn = { ...socialConsent, withdrawnAt: new Date().toISOString() };
    await harness.putSubjects([subject('nt-consent', { consents: [withdrawn] })]);
    const records = await noticesAbout('nt-consent', 1);
    expect(records.map((r) => [r.topic, r.key])).toEqual([
      [topicOf(site.recipientId), 'nt-consent'],
    ]);
    expect(parsed(records[0])).toMatchObject({
      kind: 'consent_withdrawn',
      purposes: ['social_integration'],
    });
  });

  it('nothing more is sent, and every chain verifies', async () => {
    // A probe change after the others: once its notice is read, nothing earlier is pending.
    await harness.putSubjects([subject('nt-bystander', { erased: true })]);
    await noticesAbout('nt-bystander', 1);
    await harness.awaitAllDecided();
    const perSubject = new Map<string, number>();
    for (const e of harness.auditEvents().filter((e) => e.type === 'notice.sent')) {
      perSubject.set(e.subjectId ?? '', (perSubject.get(e.subjectId ?? '') ?? 0) + 1);
    }
    expect(Object.fromEntries(perSubject)).toEqual({
      'nt-erased': 3,
      'nt-optout': 1,
      'nt-consent': 1,
      'nt-bystander': 1,
    });
    expect(noticeRecords()).toHaveLength(6);
    expect(chainAlerts(harness.on(harness.topics.audit))).toEqual([]);
    // /health reports the notice pipeline on every owned partition, progressing.
    const health = (await harness.health(gateway)) as unknown as {
      status: string;
      notices: { partitions: number[]; notices: number; stuck: unknown[] };
    };
    expect(health.status).toBe('ok');
    expect(health.notices).toEqual({ partitions: [0, 1, 2], notices: 6, stuck: [] });
  });
});
