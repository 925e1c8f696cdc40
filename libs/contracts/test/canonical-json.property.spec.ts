// canonicalJson and the chain's one-pass canonical events against the reference RFC 8785
// implementation (the `canonicalize` package) on random inputs.
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import {
  appendToChainCanonical,
  canonicalJson,
  canonicalShare,
  hashOfValidEvent,
  sha256OfText,
  type AuditEventBody,
  type Share,
} from '@app/contracts';

const text = fc.string({ unit: 'binary', maxLength: 12 });
// Keys V8 reorders (array indices) and keys that only differ in code-unit order.
const key = fc.oneof(text, fc.nat({ max: 5000 }).map(String), fc.constantFrom('a', 'B', 'é', '€'));
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.array(tie('json'), { maxLength: 5 }),
    fc.dictionary(key, tie('json'), { maxKeys: 6 }),
  ),
}));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const body: fc.Arbitrary<AuditEventBody> = fc.record(
  {
    eventId: text,
    type: fc.constantFrom('share.allowed', 'share.denied', 'request.rejected'),
    requestId: maybe(text),
    subjectId: maybe(text),
    recipientId: maybe(text),
    purpose: maybe(text),
    producer: maybe(text),
    decision: fc.constantFrom('allow', 'deny', 'reject'),
    reasons: fc.array(
      fc.record(
        { code: fc.constant('CONSENT_MISSING'), field: text, rule: text, clause: text },
        { requiredKeys: ['code', 'rule', 'clause'] },
      ),
      { maxLength: 3 },
    ),
    fieldsShared: fc.array(text, { maxLength: 4 }),
    fieldsWithheld: fc.array(text, { maxLength: 4 }),
    categoriesShared: fc.array(text, { maxLength: 3 }),
    transferMechanism: maybe(
      fc.record(
        {
          basis: fc.constantFrom('adequacy', 'contract'),
          country: text,
          reference: text,
          regime: fc.constantFrom('eu', 'uk'),
        },
        { requiredKeys: ['basis'] },
      ),
    ),
    directMarketing: fc.boolean(),
    shareId: maybe(text),
    payloadDigest: maybe(text),
    policy: fc.record({ id: text, version: text, digest: text }),
    decidedAt: text,
    notice: fc.record({
      noticeId: text,
      kind: fc.constantFrom('erase', 'stop_purpose'),
      cause: fc.constantFrom('subject.erased', 'subject.opted_out'),
      purposes: fc.array(text, { maxLength: 3 }),
      digest: text,
    }),
  },
  {
    requiredKeys: [
      'eventId',
      'type',
      'requestId',
      'subjectId',
      'recipientId',
      'purpose',
      'producer',
      'decision',
      'reasons',
      'fieldsShared',
      'fieldsWithheld',
      'categoriesShared',
      'transferMechanism',
      'directMarketing',
      'shareId',
      'payloadDigest',
      'policy',
      'decidedAt',
    ],
  },
) as unknown as fc.Arbitrary<AuditEventBody>;

const share: fc.Arbitrary<Share> = fc.record({
  shareId: text,
  requestId: text,
  recipientId: text,
  purpose: text,
  subjectRef: text,
  data: fc.dictionary(key, json, { maxKeys: 6 }),
  policy: fc.record({ id: text, version: text, digest: text }),
  sharedAt: text,
});

describe('canonicalJson against the reference RFC 8785 implementation', () => {
  it('serialises random JSON values exactly as `canonicalize` does', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('chains random events: canonical text and hash as the reference computes them', () => {
    fc.assert(
      fc.property(body, fc.nat({ max: 99 }), (b, partition) => {
        const { event, canonical } = appendToChainCanonical(null, partition, b);
        expect(canonical).toBe(canonicalize(event));
        const { hash, ...content } = event;
        expect(hash).toBe(sha256OfText(event.prevHash + canonicalize(content)));
        expect(hashOfValidEvent(event)).toBe(hash);
      }),
      { numRuns: 500 },
    );
  });

  it('writes random shares exactly as `canonicalize` does', () => {
    fc.assert(
      fc.property(share, (s) => {
        expect(canonicalShare(s)).toBe(canonicalize(s));
      }),
      { numRuns: 1000 },
    );
  });
});
