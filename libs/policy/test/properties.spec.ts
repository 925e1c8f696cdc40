import fc from 'fast-check';
import type { Recipient, TransferMechanism } from '@app/contracts/recipient';
import type { ShareRequest } from '@app/contracts/share-request';
import type {
  Consent,
  ParentalConsent,
  PartnerOptOut,
  SubjectProfile,
} from '@app/contracts/subject';
import {
  RECIPIENT_KINDS,
  RECIPIENT_SECTORS,
  TRANSFER_MECHANISM_TYPES,
  TRANSFER_REGIMES,
} from '@app/contracts/vocabulary';
import { decide, type DecideInput, type Decision } from '@app/policy';
import { KEY, POLICY } from './support/setup';

const FIELDS = [...POLICY.fields.keys()];
const NAMES = [...FIELDS, 'shoeSize', '__proto__', 'constructor', 'toString'];
const PURPOSES = [...new Set(POLICY.document.matrix.map((r) => r.purpose)), 'sale_of_data'];
const CATEGORIES = [...new Set([...POLICY.fields.values()].map((f) => f.category))];
const RECIPIENT_IDS = ['r-1', 'r-2'];
const MIN = Date.parse('2010-01-01T00:00:00Z');
const MAX = Date.parse('2030-01-01T00:00:00Z');

const iso = fc.integer({ min: MIN, max: MAX }).map((t) => new Date(t).toISOString());
const subset = <T>(xs: readonly T[]) => fc.subarray([...xs]);

const mechanism: fc.Arbitrary<TransferMechanism> = fc
  .record({
    type: fc.constantFrom(...TRANSFER_MECHANISM_TYPES),
    reference: fc.constantFrom('M-1', 'M-2'),
    validFrom: iso,
    validUntil: fc.option(iso, { nil: null }),
    covers: fc.option(fc.subarray([...TRANSFER_REGIMES]), { nil: undefined }),
  })
  .map(({ covers, ...m }) => (covers === undefined ? m : { ...m, covers }));
const partnerOptOut: fc.Arbitrary<PartnerOptOut> = fc
  .record({
    recipientId: fc.constantFrom('*', ...RECIPIENT_IDS),
    purposes: fc.option(fc.subarray(PURPOSES, { maxLength: 2 }), { nil: undefined }),
  })
  .map(({ purposes, ...p }) => (purposes === undefined ? p : { ...p, purposes }));
const parentalConsent: fc.Arbitrary<ParentalConsent> = fc.record({
  verifiedAt: iso,
  method: fc.constant('signed-form'),
  purposes: fc.subarray(PURPOSES),
  withdrawnAt: fc.option(iso, { nil: null }),
});
const consent: fc.Arbitrary<Consent> = fc.record({
  recipientId: fc.constantFrom('*', ...RECIPIENT_IDS),
  purpose: fc.constantFrom(...PURPOSES),
  categories: subset(CATEGORIES),
  givenAt: iso,
  withdrawnAt: fc.option(iso, { nil: null }),
});
/** A payload: some fields this kind may receive, plus any names at all. */
const dataFor = (kind: string) => {
  const rows = [...(POLICY.kinds.get(kind)?.rows.values() ?? [])];
  const likely = FIELDS.filter((f) =>
    rows.some((r) => r.categories.has(POLICY.fields.get(f)?.category ?? '')),
  );
  const entry = (names: string[]) =>
    fc.tuple(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 1 }));
  return fc
    .tuple(
      fc.array(entry(likely.length > 0 ? likely : NAMES), { maxLength: 3 }),
      fc.array(entry(NAMES), { maxLength: 5 }),
    )
    .map(([a, b]) => Object.fromEntries([...a, ...b]) as Record<string, unknown>);
};

const weighted = <T>(often: fc.Arbitrary<T>, rarely: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: often, weight: 5 }, { arbitrary: rarely, weight: 1 });
const CONTRACT: TransferMechanism = {
  type: 'contract',
  reference: 'C-ALL',
  validFrom: '2000-01-01T00:00:00Z',
};

/** Random inputs biased towards the matrix, so allows are common and denies still varied. */
const input: fc.Arbitrary<DecideInput> = fc
  .constantFrom(...RECIPIENT_KINDS)
  .chain((kind) => {
    const rows = [...(POLICY.kinds.get(kind)?.rows.keys() ?? [])];
    return fc.record({
      kind: fc.constant(kind),
      recipientId: fc.constantFrom(...RECIPIENT_IDS),
      purpose: weighted(fc.constantFrom(...rows), fc.constantFrom(...PURPOSES)),
      status: weighted(fc.constant('active' as const), fc.constant('suspended' as const)),
      purposes: weighted(fc.constant(rows), subset(PURPOSES)),
      fields: weighted(fc.constant(undefined), subset(FIELDS)),
      courses: weighted(fc.constant(undefined), subset(['c1', 'c2'])),
      courseId: fc.option(fc.constantFrom('c1', 'c2'), { nil: undefined }),
      country: fc.constantFrom('US', 'DE', 'IN', 'JP', 'CH', 'GB', 'CA', 'KR'),
      sector: fc.option(fc.constantFrom(...RECIPIENT_SECTORS), { nil: undefined }),
      mechanisms: weighted(
        fc.array(mechanism, { maxLength: 2 }).map((m) => [...m, CONTRACT]),
        fc.array(mechanism, { maxLength: 3 }),
      ),
      legalBasis: fc.option(
        fc.record({
          kind: fc.constantFrom(
            'subpoena',
            'emergency',
            'corporate_transaction',
            'litigation',
            'other',
          ),
          reference: weighted(
            fc.constant('REF-1'),
            fc.constantFrom('', ' ', undefined as unknown as string),
          ),
        }),
        { nil: undefined },
      ),
      residence: fc.constantFrom('DE', 'FR', 'CH', 'GB', 'US-CA', 'IN', 'NO'),
      birthDate: fc.option(
        fc
          .integer({ min: Date.parse('1950-01-01'), max: Date.parse('2016-01-01') })
          .map((t) => new Date(t).toISOString().slice(0, 10)),
        { nil: undefined },
      ),
      erased: weighted(fc.constant(false), fc.constant(true)),
      optOuts: fc.subarray(PURPOSES, { maxLength: 2 }),
      consents: fc.array(consent, { maxLength: 4 }),
      partnerOptOuts: fc.option(fc.array(partnerOptOut, { maxLength: 2 }), { nil: undefined }),
      parentalConsent: fc.option(parentalConsent, { nil: undefined }),
      data: dataFor(kind),
    });
  })
  .map((x) => {
    const request: ShareRequest = {
      requestId: 'req-1',
      requestedAt: '2020-01-01T00:00:00Z',
      producer: 'p',
      subjectId: 's-1',
      recipientId: x.recipientId,
      purpose: x.purpose,
      ...(x.courseId === undefined ? {} : { courseId: x.courseId }),
      ...(x.legalBasis === undefined ? {} : { legalBasis: x.legalBasis }),
      data: x.data,
    };
    const recipient: Recipient = {
      recipientId: x.recipientId,
      name: 'n',
      kind: x.kind,
      country: x.country,
      address: 'a',
      status: x.status,
      purposes: x.purposes,
      ...(x.fields === undefined ? {} : { fields: x.fields }),
      ...(x.courses === undefined ? {} : { courses: x.courses }),
      ...(x.sector === undefined ? {} : { sector: x.sector }),
      transferMechanisms: x.mechanisms,
    };
    const subject: SubjectProfile = {
      subjectId: 's-1',
      residence: x.residence,
      ...(x.birthDate === undefined ? {} : { birthDate: x.birthDate }),
      erased: x.erased,
      optOuts: x.optOuts,
      consents: x.consents,
      ...(x.partnerOptOuts === undefined ? {} : { partnerOptOuts: x.partnerOptOuts }),
      ...(x.parentalConsent === undefined ? {} : { parentalConsent: x.parentalConsent }),
    };
    return { request, recipient, subject };
  });
const now = fc.integer({ min: MIN, max: MAX }).map((t) => new Date(t));
const run = (i: DecideInput, at: Date): Decision => decide(POLICY, i, at, { pseudonymKey: KEY });
const params = { numRuns: 500 };

describe('properties of decide', () => {
  it('nothing unclassified, restricted or withheld ever appears in the output data', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const d = run(i, at);
        for (const key of Object.keys(d.data)) {
          const rule = POLICY.fields.get(key);
          expect(rule).toBeDefined();
          expect(rule?.restricted).toBe(false);
          expect(d.fieldsWithheld).not.toContain(key);
        }
      }),
      params,
    );
  });

  it('output fields are input fields, values untouched; shared and withheld partition the input', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const d = run(i, at);
        const keys = Object.keys(i.request.data);
        for (const [k, v] of Object.entries(d.data)) {
          expect(keys).toContain(k);
          expect(v).toBe(i.request.data[k]);
        }
        expect(Object.keys(d.data)).toEqual(d.fieldsShared);
        expect([...d.fieldsShared, ...d.fieldsWithheld].sort()).toEqual([...keys].sort());
        expect(d.fieldsShared).toEqual([...d.fieldsShared].sort());
        expect(d.fieldsWithheld).toEqual([...d.fieldsWithheld].sort());
      }),
      params,
    );
  });

  it('deny carries empty data; allow carries data and only field reasons', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const d = run(i, at);
        if (d.decision === 'deny') {
          expect(d.data).toEqual({});
          expect(d.fieldsShared).toEqual([]);
          expect(d.categoriesShared).toEqual([]);
          expect(d.directMarketing).toBe(false);
          expect(d.reasons[0].field).toBeUndefined();
        } else {
          expect(d.fieldsShared.length).toBeGreaterThan(0);
          expect(d.reasons.every((r) => r.field !== undefined)).toBe(true);
          expect(d.transferMechanism).not.toBeNull();
        }
      }),
      params,
    );
  });

  it('is deterministic, and the same on a JSON round trip of its input', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const copy = JSON.parse(JSON.stringify(i)) as DecideInput;
        expect(JSON.stringify(run(i, at))).toBe(JSON.stringify(run(i, at)));
        // Compared as JSON: a round trip turns -0 into 0, which is the same value on the wire.
        expect(JSON.stringify(run(copy, new Date(at.getTime())))).toBe(JSON.stringify(run(i, at)));
      }),
      params,
    );
  });

  it('removing a consent never adds a shared field', () => {
    fc.assert(
      fc.property(input, now, fc.nat(), (i, at, n) => {
        const consents = i.subject?.consents ?? [];
        fc.pre(consents.length > 0);
        const fewer = consents.filter((_, k) => k !== n % consents.length);
        const after = run(
          { ...i, subject: { ...(i.subject as SubjectProfile), consents: fewer } },
          at,
        );
        const before = run(i, at);
        for (const f of after.fieldsShared) expect(before.fieldsShared).toContain(f);
      }),
      params,
    );
  });

  it('adding an opt-out never adds a shared field', () => {
    fc.assert(
      fc.property(input, now, fc.constantFrom(...PURPOSES), (i, at, purpose) => {
        const subject = i.subject as SubjectProfile;
        const after = run(
          { ...i, subject: { ...subject, optOuts: [...subject.optOuts, purpose] } },
          at,
        );
        const before = run(i, at);
        for (const f of after.fieldsShared) expect(before.fieldsShared).toContain(f);
      }),
      params,
    );
  });

  it('generates allows as well as denies', () => {
    // A fixed seed: this checks the generator's coverage, and an unseeded draw fell short of the
    // bound now and then (a flaky check of the tests, not of decide).
    const sample = fc.sample(fc.tuple(input, now), { numRuns: 2000, seed: 20261201 });
    const decisions = sample.map(([i, at]) => run(i, at).decision);
    const allows = decisions.filter((d) => d === 'allow').length;
    expect(allows).toBeGreaterThan(200); // about 15% on average
  });

  it('an EEA subject is never shared to a non-authority without a mechanism', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const d = run(i, at);
        const eea = ['DE', 'FR', 'CH', 'NO', 'GB'].includes(i.subject?.residence ?? '');
        if (d.decision === 'allow' && eea && i.recipient?.kind !== 'authority') {
          expect(d.transferMechanism?.basis).not.toBe('not_required');
        }
      }),
      params,
    );
  });

  // DESIGN §7: none of the new rules lets a restricted field out or a denied request carry data.
  it('a sensitive field leaves only to an authority or with a live explicit consent naming it', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const d = run(i, at);
        const recipient = i.recipient as Recipient;
        for (const f of d.fieldsShared) {
          const rule = POLICY.fields.get(f);
          if (!rule?.sensitive || recipient.kind === 'authority') continue;
          const live = (i.subject?.consents ?? []).some(
            (c) =>
              (c.recipientId === recipient.recipientId || c.recipientId === '*') &&
              c.purpose === i.request.purpose &&
              c.categories.includes(rule.category) &&
              Date.parse(c.givenAt) <= at.getTime() &&
              (c.withdrawnAt == null || Date.parse(c.withdrawnAt) > at.getTime()),
          );
          expect(live).toBe(true);
        }
      }),
      params,
    );
  });

  it('an under-13 is shared only with an authority or under a live parental consent', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const d = run(i, at);
        const subject = i.subject as SubjectProfile;
        if (d.decision !== 'allow' || subject.birthDate === undefined) return;
        const age = (at.getTime() - Date.parse(subject.birthDate)) / (365.2425 * 864e5);
        if (age >= 13.01 || i.recipient?.kind === 'authority') return;
        if (age > 12.99) return; // the calendar birthday itself is decided by hasReachedAge
        const p = subject.parentalConsent;
        expect(p).toBeDefined();
        expect(p?.purposes).toContain(i.request.purpose);
        expect(POLICY.parentalConsentPurposes.has(i.request.purpose)).toBe(true);
        expect(Date.parse(p?.verifiedAt ?? '') <= at.getTime()).toBe(true);
      }),
      params,
    );
  });

  it('adding a partner opt-out never adds a shared field', () => {
    fc.assert(
      fc.property(input, now, partnerOptOut, (i, at, optOut) => {
        const subject = i.subject as SubjectProfile;
        const more = [...(subject.partnerOptOuts ?? []), optOut];
        const after = run({ ...i, subject: { ...subject, partnerOptOuts: more } }, at);
        const before = run(i, at);
        for (const f of after.fieldsShared) expect(before.fieldsShared).toContain(f);
      }),
      params,
    );
  });

  it('a blank or missing legal-basis reference never allows a row that needs one', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const row = POLICY.kinds.get(i.recipient?.kind ?? '')?.rows.get(i.request.purpose);
        const ref = i.request.legalBasis?.reference;
        if (row === undefined || row.legalBasis.size === 0) return;
        if (typeof ref === 'string' && ref.trim() !== '') return;
        const d = run(i, at);
        expect(d.decision).toBe('deny');
        expect(d.data).toEqual({});
        expect(d.reasons.map((r) => r.code)).toContain('LEGAL_BASIS_REQUIRED');
      }),
      params,
    );
  });

  it('a transfer basis, when required, is recorded with the regime of the residence', () => {
    fc.assert(
      fc.property(input, now, (i, at) => {
        const t = run(i, at).transferMechanism;
        if (t === null || t.basis === 'not_required') return;
        expect(TRANSFER_REGIMES).toContain(t.regime);
      }),
      params,
    );
  });
});
