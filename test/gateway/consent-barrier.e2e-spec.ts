// The consent barrier (DESIGN §6): a state change acknowledged by Kafka before a request is
// written is honoured for that request, every time. Each case writes the change, awaits the
// broker's ack, and publishes the request at once, many times over.
import type { AuditEvent, Consent, ReasonCode } from '@app/contracts';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const OPT_OUTS = 200;
const ERASURES = 50;
const SUSPENSIONS = 25;
const WITHDRAWALS = 50;

const harness = new GatewayHarness(3);
const partner = recipient('business_partner');
const instructor = recipient('instructor');
const site = recipient('third_party_site');
const recipients = [partner, instructor, site];

const socialConsent = (withdrawnAt: string | null): Consent => ({
  recipientId: site.recipientId,
  purpose: 'social_integration',
  categories: ['identity.name', 'contact.email'],
  givenAt: '2025-01-01T00:00:00Z',
  withdrawnAt,
});

beforeAll(async () => {
  await harness.startGateway();
  await harness.connect();
  await harness.putRecipients(recipients);
  await harness.startReading(recipients.map((r) => r.recipientId));
}, 120_000);

afterAll(() => harness.close());

/** Waits for the audit events of `requestIds` (parsing the stream once per poll). */
function auditsOf(requestIds: string[], timeoutMs = 60_000): Promise<AuditEvent[]> {
  const wanted = new Set(requestIds);
  return waitFor(
    () => {
      if (harness.count(harness.topics.audit) < wanted.size) return null;
      const found = harness.auditEvents().filter((e) => wanted.has(e.requestId ?? ''));
      return found.length >= wanted.size ? found : null;
    },
    { timeoutMs, intervalMs: 200, what: `${wanted.size} audit events` },
  );
}

/** Shares delivered so far for any of `requestIds`. */
function sharesOf(requestIds: string[]): string[] {
  const wanted = new Set(requestIds);
  return harness.records
    .filter((r) => r.topic.startsWith(`${harness.prefix}shares.`))
    .map((r) => (JSON.parse(r.value ?? '{}') as { requestId: string }).requestId)
    .filter((id) => wanted.has(id));
}

/** The event types of the `requestIds` among `events`, in the order of `requestIds`. */
function typesOf(events: AuditEvent[], requestIds: string[]): string[] {
  const byId = new Map(events.map((e) => [e.requestId ?? '', e.type]));
  return requestIds.map((id) => byId.get(id) ?? 'missing');
}

function expectDenied(events: AuditEvent[], code: ReasonCode): void {
  const wrong = events.filter((e) => e.type !== 'share.denied' || e.reasons[0]?.code !== code);
  expect(wrong.map((e) => `${e.requestId}: ${e.type} ${e.reasons[0]?.code}`)).toEqual([]);
}

describe('consent barrier', () => {
  it(`honours an opt-out written just before the request, ${OPT_OUTS} times out of ${OPT_OUTS}`, async () => {
    const ids = Array.from({ length: OPT_OUTS }, (_, i) => `cb-optout-${i}`);
    await harness.putSubjects(ids.map((id) => subject(`${id}-s`)));
    // The gateway knows these subjects without an opt-out: a marketing request is allowed.
    await harness.putSubjects([subject('cb-probe-s')]);
    await harness.request([
      shareRequest('cb-probe', 'cb-probe-s', partner.recipientId, 'marketing'),
    ]);
    expect((await harness.auditOf('cb-probe')).type).toBe('share.allowed');

    for (const id of ids) {
      await harness.putSubjects([subject(`${id}-s`, { optOuts: ['marketing'] })]);
      await harness.request([shareRequest(id, `${id}-s`, partner.recipientId, 'marketing')]);
    }
    const events = await auditsOf(ids);
    expect(events).toHaveLength(OPT_OUTS);
    expectDenied(events, 'SUBJECT_OPTED_OUT');
    expect(sharesOf(ids)).toEqual([]);
  });

  it(`honours an erasure written just before the request, ${ERASURES} times`, async () => {
    const ids = Array.from({ length: ERASURES }, (_, i) => `cb-erased-${i}`);
    await harness.putSubjects(ids.map((id) => subject(`${id}-s`)));
    for (const id of ids) {
      await harness.putSubjects([subject(`${id}-s`, { erased: true })]);
      await harness.request([
        shareRequest(id, `${id}-s`, instructor.recipientId, 'course_administration'),
      ]);
    }
    const events = await auditsOf(ids);
    expectDenied(events, 'SUBJECT_ERASED');
    expect(sharesOf(ids)).toEqual([]);
  });

  // Decisions use the state at decision time: each round waits for its requests to be decided
  // before the next reinstatement, which would otherwise rightly apply to them too.
  it(`honours a suspension written just before the request, ${SUSPENSIONS} times`, async () => {
    const toggled = recipient('business_partner', { recipientId: 'cb-toggled-partner' });
    await harness.putSubjects([subject('cb-susp-s')]);
    const events: AuditEvent[] = [];
    for (let k = 0; k < SUSPENSIONS; k++) {
      const [active, suspended] = [`cb-active-${k}`, `cb-suspended-${k}`];
      await harness.putRecipients([toggled]);
      await harness.request([shareRequest(active, 'cb-susp-s', toggled.recipientId, 'marketing')]);
      expect((await harness.auditOf(active)).type).toBe('share.allowed');
      await harness.putRecipients([{ ...toggled, status: 'suspended' }]);
      await harness.request([
        shareRequest(suspended, 'cb-susp-s', toggled.recipientId, 'marketing'),
      ]);
      events.push(await harness.auditOf(suspended));
    }
    expectDenied(events, 'RECIPIENT_SUSPENDED');
    expect(sharesOf(events.map((e) => e.requestId ?? ''))).toEqual([]);
  });

  it(`honours a consent withdrawal for a third-party site just before the request, ${WITHDRAWALS} times`, async () => {
    const subjects = Array.from({ length: WITHDRAWALS }, (_, j) => `cb-consent-${j}-s`);
    await harness.putSubjects(subjects.map((s) => subject(s, { consents: [socialConsent(null)] })));
    // The gateway knows every live consent: a request of each subject is allowed.
    const given = subjects.map((s, j) =>
      shareRequest(`cb-given-${j}`, s, site.recipientId, 'social_integration'),
    );
    await harness.request(given);
    const allowed = await auditsOf(given.map((r) => r.requestId));
    expect(
      typesOf(
        allowed,
        given.map((r) => r.requestId),
      ),
    ).toEqual(given.map(() => 'share.allowed'));

    const withdrawn: string[] = [];
    for (const [j, s] of subjects.entries()) {
      await harness.putSubjects([
        subject(s, { consents: [socialConsent(new Date().toISOString())] }),
      ]);
      withdrawn.push(`cb-withdrawn-${j}`);
      await harness.request([
        shareRequest(`cb-withdrawn-${j}`, s, site.recipientId, 'social_integration'),
      ]);
    }
    const events = await auditsOf(withdrawn);
    expectDenied(events, 'CONSENT_REQUIRED');
    expect(sharesOf(withdrawn)).toEqual([]);
  });
});
