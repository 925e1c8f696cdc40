// No input makes the gateway's per-record step throw or write an audit event the auditor would
// refuse: every record becomes a verifiable audit event, plus a share or a DLQ record. A throw
// or an output Kafka refuses would abort the batch on every retry and stall the partition.
import {
  ChainVerifier,
  topicNames,
  type AuditEvent,
  type Recipient,
  type SubjectProfile,
} from '@app/contracts';
import { readPolicy } from '@app/runtime';
import fc from 'fast-check';
import type { GatewayEnv } from '../../apps/gateway/src/config/gateway-env';
import { chainBatch } from '../../apps/gateway/src/share-request/batch-output';
import {
  ShareRequestProcessor,
  type InputRecord,
  type ProcessedRecord,
} from '../../apps/gateway/src/share-request/share-request.processor';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecipientsRegistry } from '../../apps/gateway/src/state/recipients.registry';
import { StateStore } from '../../apps/gateway/src/state/state-store';
import { SubjectsRegistry } from '../../apps/gateway/src/state/subjects.registry';
import { recipient, shareRequest, subject } from '../support/fixtures';

const NOW = new Date('2026-03-01T10:00:00Z');
const MAX_BYTES = 64 * 1024;
const topics = topicNames('unit.');
const KINDS: Recipient['kind'][] = [
  'instructor',
  'institution',
  'university_partner',
  'business_partner',
  'contractor',
  'authority',
  'acquirer',
  'third_party_site',
];
const PURPOSES = [
  'course_administration',
  'course_improvement',
  'marketing',
  'research',
  'operations',
  'legal_process',
  'protection',
  'corporate_transaction',
  'social_integration',
];

const stored = (key: string, offset: number, value: object) => ({
  key,
  offset: BigInt(offset),
  value,
});

function setup(): ShareRequestProcessor {
  const store = new StateStore(join(mkdtempSync(join(tmpdir(), 'onward-unit-')), 'state'), {
    recipients: 'unit.recipients',
    subjects: 'unit.subjects',
  });
  store.open({ clusterId: 'unit', topicPrefix: 'unit.' });
  const recipients = new RecipientsRegistry(store, { isReady: () => true });
  const registered = KINDS.map((kind) => recipient(kind, { purposes: PURPOSES }));
  store.apply(
    'recipients',
    0,
    registered.map((r, i) => stored(r.recipientId, i, r)),
    100n,
  );
  const subjects = new SubjectsRegistry(store);
  const profiles: SubjectProfile[] = [
    subject('s-us'),
    subject('s-de', { residence: 'DE' }),
    subject('s-child', { birthDate: '2020-01-01' }),
    subject('s-consents', {
      consents: [
        {
          recipientId: '*',
          purpose: 'social_integration',
          categories: ['identity.name', 'sensitive.health'],
          givenAt: '2020-01-01T00:00:00Z',
          withdrawnAt: null,
        },
      ],
    }),
  ];
  store.apply(
    'subjects',
    0,
    profiles.map((s, i) => stored(s.subjectId, i, s)),
    100n,
  );
  const env = { ONWARD_MAX_MESSAGE_BYTES: MAX_BYTES, ONWARD_TOPIC_PREFIX: 'unit.' } as GatewayEnv;
  return new ShareRequestProcessor(
    readPolicy(),
    Buffer.from('unit-pseudonym-key-0123456789'),
    env,
    recipients,
    subjects,
  );
}

const processor = setup();

/** Processes one record and reads its audit event back the way the auditor does. */
function run(key: string | null, value: string | Buffer | null) {
  const record: InputRecord = {
    topic: topics.shareRequests,
    partition: 0,
    offset: '7',
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
  };
  const processed: ProcessedRecord = processor.process(record, NOW);
  const chained = chainBatch(topics, 0, null, [record], [processed], [], 1);
  const audit = chained.topicMessages.find((t) => t.topic === topics.audit)?.messages ?? [];
  const check = new ChainVerifier(0).accept(String(audit[0]?.value), '0');
  const dlq = chained.topicMessages.find((t) => t.topic === topics.dlq)?.messages ?? [];
  return { processed, audit, alerts: check.alerts, dlq, event: chained.events[0] as AuditEvent };
}

// Strings that stress the audit contract: empty, long, lone surrogates, control characters.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '\ud800', 'a\udfffb', '\u0000', 'x'.repeat(65), 'y'.repeat(129)),
);
const anyValue = fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }));
/** Mostly a valid value, sometimes anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: anyValue, weight: 1 });
const dataField = fc.oneof(
  {
    arbitrary: fc.constantFrom('name', 'email', 'grades', 'health', 'paymentCard', 'activity'),
    weight: 4,
  },
  { arbitrary: nasty, weight: 1 },
);
const requestLike = fc.record(
  {
    requestId: mostly(fc.constant('req-1')),
    requestedAt: mostly(fc.constant('2026-03-01T10:00:00Z')),
    producer: mostly(fc.constant('svc')),
    subjectId: mostly(fc.constantFrom('s-us', 's-de', 's-child', 's-consents', 'nobody')),
    recipientId: mostly(fc.constantFrom(...KINDS.map((k) => recipient(k).recipientId))),
    purpose: mostly(fc.constantFrom(...PURPOSES)),
    courseId: mostly(fc.constant('ml-101')),
    legalBasis: mostly(
      fc.record({
        kind: fc.constantFrom('subpoena', 'emergency', 'corporate_transaction'),
        reference: nasty,
      }),
    ),
    data: mostly(fc.dictionary(dataField, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 12 })),
    extra: anyValue,
  },
  {
    requiredKeys: [
      'requestId',
      'requestedAt',
      'producer',
      'subjectId',
      'recipientId',
      'purpose',
      'data',
    ],
  },
);
const keyOf = (value: unknown): string | null => {
  const s = (value as { subjectId?: unknown } | null)?.subjectId;
  return typeof s === 'string' ? s : null;
};

type RequestLike = typeof requestLike extends fc.Arbitrary<infer T> ? T : never;
const allowedExample = {
  requestId: 'req-allowed',
  requestedAt: '2026-03-01T10:00:00Z',
  producer: 'svc',
  subjectId: 's-us',
  recipientId: recipient('instructor').recipientId,
  purpose: 'course_administration',
  courseId: 'ml-101',
  data: { name: 'A', grades: [1] },
} as unknown as RequestLike;

describe('ShareRequestProcessor on any input', () => {
  it('turns any request-like record into exactly one verifiable audit event', () => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(requestLike, fc.boolean(), (request, rightKey) => {
        const { processed, audit, alerts, dlq } = run(
          rightKey ? keyOf(request) : 'someone-else',
          JSON.stringify(request),
        );
        outcomes.add(processed.audit.type);
        expect(audit).toHaveLength(1);
        expect(alerts).toEqual([]);
        expect(dlq).toHaveLength(processed.dlq ? 1 : 0);
        if (processed.share)
          expect(processed.share.topic).toBe(`unit.shares.${request.recipientId}`);
      }),
      // One known allowed request runs first: random data rarely passes every check, and the
      // coverage assertion below must not depend on the seed.
      { numRuns: 500, examples: [[allowedExample, true]] },
    );
    // The property reached every kind of outcome, not only rejections.
    expect([...outcomes].sort()).toEqual(['request.rejected', 'share.allowed', 'share.denied']);
  });

  it('turns arbitrary bytes into a rejection with a verifiable audit event', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.option(fc.uint8Array({ maxLength: 300 })),
        (key, bytes) => {
          const { processed, alerts, dlq } = run(key, bytes === null ? null : Buffer.from(bytes));
          expect(alerts).toEqual([]);
          expect(processed.dlq).not.toBeNull();
          expect(dlq).toHaveLength(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      'a producer longer than the audit contract allows',
      { producer: 'p'.repeat(100), extra: 1 },
      'producer',
    ],
    [
      'a purpose longer than the audit contract allows',
      { purpose: 'q'.repeat(100), extra: 1 },
      'purpose',
    ],
    ['a requestId with a lone surrogate', { requestId: 'r\ud800', extra: 1 }, 'requestId'],
  ] as const)(
    'leaves out %s from the rejection event instead of breaking the chain',
    (_, bad, field) => {
      const request = {
        ...shareRequest('req-x', 's-us', 'instructor-1', 'course_administration'),
        ...bad,
      };
      const { processed, alerts, event } = run('s-us', JSON.stringify(request));
      expect(processed.audit.type).toBe('request.rejected');
      expect(alerts).toEqual([]);
      expect(event[field]).toBeNull();
      expect(event.subjectId).toBe('s-us');
    },
  );

  it('refuses a request whose audit event would be too large for Kafka (MESSAGE_TOO_LARGE)', () => {
    const data: Record<string, number> = {};
    for (let i = 0; i < 6000; i++) data[`f${i}`] = 0;
    const request = shareRequest('req-fields', 's-us', 'instructor-1', 'course_administration', {
      data,
    });
    const text = JSON.stringify(request);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_BYTES);
    const { processed, alerts, dlq, audit } = run('s-us', text);
    expect(processed.audit).toMatchObject({ type: 'request.rejected', requestId: 'req-fields' });
    expect(processed.audit.reasons[0].code).toBe('MESSAGE_TOO_LARGE');
    expect(processed.share).toBeNull();
    expect(dlq).toHaveLength(1);
    expect(String(audit[0].value).length).toBeLessThan(4096);
    expect(alerts).toEqual([]);
  });

  it('still decides a request with many fields whose audit event fits', () => {
    const data: Record<string, number> = { name: 1 };
    for (let i = 0; i < 20; i++) data[`f${i}`] = 0;
    const request = shareRequest('req-some', 's-us', 'instructor-1', 'course_administration', {
      data,
    });
    const { processed } = run('s-us', JSON.stringify(request));
    expect(processed.audit.type).toBe('share.allowed');
    expect(processed.audit.fieldsWithheld).toHaveLength(20);
  });
});
