// The gateway end to end against the real broker: one allowed share per recipient kind of
// the matrix, a denial, every kind of bad input, redelivery, and unbroken audit chains.
import { sha256Digest, type Share } from '@app/contracts';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { chainAlerts } from '../support/chain';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const harness = new GatewayHarness(3);
const learner = 'learner-e2e-1';

beforeAll(async () => {
  await harness.startGateway({ ONWARD_MAX_MESSAGE_BYTES: '4096' });
  await harness.connect();
  const recipients = [
    recipient('instructor', { courses: ['ml-101'] }),
    recipient('institution'),
    recipient('university_partner'),
    recipient('business_partner'),
    recipient('contractor'),
    recipient('authority'),
    recipient('acquirer'),
    recipient('third_party_site'),
  ];
  await harness.putRecipients(recipients);
  await harness.startReading(recipients.map((r) => r.recipientId));
  await harness.putSubjects([
    subject(learner, {
      consents: [
        {
          recipientId: 'third-party-site-1',
          purpose: 'social_integration',
          categories: ['identity.name', 'contact.email'],
          givenAt: '2025-01-01T00:00:00Z',
          withdrawnAt: null,
        },
      ],
    }),
  ]);
});

afterAll(() => harness.close());

const cases = [
  {
    id: 'k-instructor',
    to: 'instructor-1',
    purpose: 'course_administration',
    extra: { courseId: 'ml-101' },
    data: { name: 'A', email: 'a@x.org', grades: [1], dateOfBirth: '2000-01-01' },
    shared: ['email', 'grades', 'name'],
    withheld: ['dateOfBirth'],
  },
  {
    id: 'k-institution',
    to: 'institution-1',
    purpose: 'course_improvement',
    extra: {},
    data: { name: 'A', forumPosts: ['p'], email: 'a@x.org' },
    shared: ['forumPosts', 'name'],
    withheld: ['email'],
  },
  {
    id: 'k-university',
    to: 'university-partner-1',
    purpose: 'marketing',
    extra: {},
    data: { name: 'A', email: 'a@x.org', grades: [1] },
    shared: ['email', 'name'],
    withheld: ['grades'],
  },
  {
    id: 'k-business',
    to: 'business-partner-1',
    purpose: 'research',
    extra: {},
    data: { grades: [1], activity: ['x'], name: 'A' },
    shared: ['activity', 'grades'],
    withheld: ['name'],
  },
  {
    id: 'k-contractor',
    to: 'contractor-1',
    purpose: 'operations',
    extra: {},
    data: { name: 'A', email: 'a@x.org', activity: ['x'], grades: [1] },
    shared: ['activity', 'email', 'name'],
    withheld: ['grades'],
  },
  {
    id: 'k-authority',
    to: 'authority-1',
    purpose: 'legal_process',
    extra: { legalBasis: { kind: 'subpoena', reference: 'SDNY-1' } },
    data: { name: 'A', email: 'a@x.org', paymentCard: '4111' },
    shared: ['email', 'name'],
    withheld: ['paymentCard'],
  },
  {
    id: 'k-acquirer',
    to: 'acquirer-1',
    purpose: 'corporate_transaction',
    extra: { legalBasis: { kind: 'corporate_transaction', reference: 'M&A-1' } },
    data: { name: 'A', email: 'a@x.org', health: 'x' },
    shared: ['email', 'name'],
    withheld: ['health'],
  },
  {
    id: 'k-social',
    to: 'third-party-site-1',
    purpose: 'social_integration',
    extra: {},
    data: { name: 'A', email: 'a@x.org' },
    shared: ['email', 'name'],
    withheld: [],
  },
];

describe('share pipeline', () => {
  it.each(cases)(
    'delivers a minimised share to $to for $purpose with its audit event',
    async (c) => {
      await harness.request([
        shareRequest(c.id, learner, c.to, c.purpose, { ...c.extra, data: c.data }),
      ]);
      const event = await harness.auditOf(c.id);
      expect(event).toMatchObject({
        type: 'share.allowed',
        decision: 'allow',
        fieldsShared: c.shared,
        fieldsWithheld: c.withheld,
      });

      const topic = `${harness.prefix}shares.${c.to}`;
      const record = await waitFor(
        () => harness.on(topic).find((r) => JSON.parse(r.value ?? '{}').requestId === c.id),
        { what: `share of ${c.id}` },
      );
      const share = JSON.parse(record.value ?? '{}') as Share;
      expect(Object.keys(share.data).sort()).toEqual(c.shared);
      expect(share.shareId).toBe(event.shareId);
      expect(record.key).toBe(share.subjectRef);
      expect(record.headers['onward.share-id']).toBe(share.shareId);
      expect(record.headers['onward.policy-version']).toBe(share.policy.version);
      expect(event.payloadDigest).toBe(sha256Digest(share));
      expect(JSON.stringify(event)).not.toContain('a@x.org');
      if (c.purpose === 'research') expect(share.subjectRef).toMatch(/^ps_[a-z2-7]+$/);
      else expect(share.subjectRef).toBe(learner);
      expect(event.directMarketing).toBe(c.purpose === 'marketing');
    },
  );

  it('denies an unknown recipient: an audit event and no share', async () => {
    await harness.request([shareRequest('k-unknown', learner, 'nobody-registered', 'marketing')]);
    const event = await harness.auditOf('k-unknown');
    expect(event).toMatchObject({
      type: 'share.denied',
      decision: 'deny',
      shareId: null,
      payloadDigest: null,
    });
    expect(event.reasons[0].code).toBe('UNKNOWN_RECIPIENT');
    expect(
      harness.records.some((r) => r.topic.includes('.shares.') && r.value?.includes('k-unknown')),
    ).toBe(false);
  });

  const badInputs = [
    { name: 'not JSON', key: learner, value: '{"requestId": "bad-1", ', code: 'INVALID_JSON' },
    {
      name: 'a contract violation',
      key: learner,
      value: JSON.stringify({
        ...shareRequest('bad-2', learner, 'instructor-1', 'course_administration'),
        purpose: undefined,
        extra: 1,
      }),
      code: 'INVALID_MESSAGE',
    },
    {
      name: 'a key that is not the subjectId',
      key: 'someone-else',
      value: JSON.stringify(
        shareRequest('bad-3', learner, 'instructor-1', 'course_administration'),
      ),
      code: 'KEY_MISMATCH',
    },
    {
      name: 'an oversize record',
      key: learner,
      value: JSON.stringify(
        shareRequest('bad-4', learner, 'instructor-1', 'course_administration', {
          data: { name: 'x'.repeat(5000) },
        }),
      ),
      code: 'MESSAGE_TOO_LARGE',
    },
    {
      name: 'a __proto__ key',
      key: learner,
      value: `{"requestId":"bad-5","__proto__":{"x":1}}`,
      code: 'INVALID_MESSAGE',
    },
  ];

  it.each(badInputs)(
    'sends $name to the DLQ with a request.rejected audit event',
    async ({ key, value, code }) => {
      await harness.send(harness.topics.shareRequests, [{ key, value }]);
      const dlq = await waitFor(
        () => harness.on(harness.topics.dlq).find((r) => r.value === value),
        { what: `DLQ record (${code})` },
      );
      expect(dlq.key).toBe(key);
      expect(dlq.headers['onward.error'].startsWith(code)).toBe(true);
      const source = {
        partition: Number(dlq.headers['onward.source.partition']),
        offset: dlq.headers['onward.source.offset'],
      };
      expect(Number.isInteger(source.partition)).toBe(true);
      const event = await waitFor(
        () =>
          harness
            .auditEvents()
            .find((e) => e.type === 'request.rejected' && e.reasons[0].code === code),
        { what: `rejection event (${code})` },
      );
      expect(event).toMatchObject({
        decision: 'reject',
        shareId: null,
        fieldsShared: [],
        partition: source.partition,
      });
      expect(JSON.stringify(event)).not.toContain('xxxxxxxx');
    },
  );

  it('gives a redelivered request the same shareId and eventId', async () => {
    const request = shareRequest(
      'k-redelivered',
      learner,
      'instructor-1',
      'course_administration',
      { courseId: 'ml-101' },
    );
    await harness.request([request]);
    await harness.request([request]);
    const events = await waitFor(
      () => {
        const found = harness.auditEvents().filter((e) => e.requestId === 'k-redelivered');
        return found.length === 2 ? found : null;
      },
      { what: 'two audit events' },
    );
    expect(events[0].eventId).toBe(events[1].eventId);
    expect(events[0].shareId).toBe(events[1].shareId);
    expect(events[0].seq).not.toBe(events[1].seq);
  });

  it('keeps every audit partition an unbroken chain', async () => {
    await waitFor(() => harness.auditEvents().length >= cases.length + 1 + badInputs.length + 2, {
      what: 'all audit events',
    });
    const audit = harness.on(harness.topics.audit);
    expect(chainAlerts(audit)).toEqual([]);
    for (const p of new Set(audit.map((r) => r.partition))) {
      const seqs = harness
        .auditEvents()
        .filter((e) => e.partition === p)
        .map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i));
    }
  });
});
