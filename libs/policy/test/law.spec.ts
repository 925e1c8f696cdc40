import { parseShareRequest } from '@app/contracts';
import type { Consent } from '@app/contracts/subject';
import { decide } from '@app/policy';
import { KEY, POLICY, codes, recipientOf, setup, subjectOf } from './support/setup';

// DESIGN §7 rules other than transfer: explicit opt-in for sensitive research data, per-partner
// opt-outs, verified parental consent, legal counsel, and the two input defects.

const explicit = (over: Partial<Consent> = {}): Consent => ({
  recipientId: 'university_partner-1',
  purpose: 'research',
  categories: ['sensitive.health'],
  givenAt: '2026-01-01T00:00:00Z',
  withdrawnAt: null,
  ...over,
});

describe('research admits sensitive data only with explicit consent', () => {
  const research = (consents: Consent[], now?: string) =>
    setup({
      kind: 'university_partner',
      request: { data: { grades: [1], health: 'h', religion: 'r' } },
      subject: { consents },
      now,
    }).decision;

  it.each([
    ['no consent', [], ['grades'], ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion']],
    ['consent naming health', [explicit()], ['grades', 'health'], ['CONSENT_REQUIRED:religion']],
    [
      'consent for "*"',
      [explicit({ recipientId: '*' })],
      ['grades', 'health'],
      ['CONSENT_REQUIRED:religion'],
    ],
    [
      'consent for another partner',
      [explicit({ recipientId: 'other' })],
      ['grades'],
      ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion'],
    ],
    [
      'consent for another purpose',
      [explicit({ purpose: 'marketing' })],
      ['grades'],
      ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion'],
    ],
    [
      'withdrawn consent',
      [explicit({ withdrawnAt: '2026-02-01T00:00:00Z' })],
      ['grades'],
      ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion'],
    ],
  ])('%s', (_n, consents, shared, reasons) => {
    const d = research(consents);
    expect(d.decision).toBe('allow');
    expect(d.fieldsShared).toEqual(shared);
    expect(codes(d)).toEqual(reasons);
  });

  it('the consent is live from givenAt (instant before, at, after)', () => {
    const c = [explicit({ givenAt: '2026-03-01T10:00:00Z' })];
    expect(research(c, '2026-03-01T09:59:59.999Z').fieldsShared).toEqual(['grades']);
    expect(research(c, '2026-03-01T10:00:00.000Z').fieldsShared).toEqual(['grades', 'health']);
    expect(research(c, '2026-03-01T10:00:00.001Z').fieldsShared).toEqual(['grades', 'health']);
  });

  it('marketing, contractors and acquirers still never receive sensitive data', () => {
    for (const kind of ['business_partner', 'contractor', 'acquirer'] as const) {
      const star = explicit({ recipientId: '*', purpose: recipientOf(kind).purposes[0] });
      const d = setup({
        kind,
        request: { data: { name: 'A', health: 'h' } },
        subject: { consents: [star] },
      }).decision;
      expect(d.fieldsShared).not.toContain('health');
    }
  });
});

describe('per-partner opt-outs (check 10)', () => {
  const marketing = (partnerOptOuts: { recipientId: string; purposes?: string[] }[]) =>
    setup({ kind: 'business_partner', subject: { partnerOptOuts } }).decision;

  it.each([
    ['this partner, every honoured purpose', [{ recipientId: 'business_partner-1' }], true],
    [
      'this partner, marketing',
      [{ recipientId: 'business_partner-1', purposes: ['marketing'] }],
      true,
    ],
    ['every partner ("*")', [{ recipientId: '*' }], true],
    [
      'this partner, research only',
      [{ recipientId: 'business_partner-1', purposes: ['research'] }],
      false,
    ],
    ['another partner', [{ recipientId: 'acme-books' }], false],
    ['none', [], false],
  ])('%s', (_n, optOuts, denied) => {
    const d = marketing(optOuts);
    expect(d.decision).toBe(denied ? 'deny' : 'allow');
    if (denied) {
      expect(codes(d)).toEqual(['SUBJECT_OPTED_OUT']);
      expect(d.reasons[0].clause).toBe('Choice');
    }
  });

  it('is not honoured where opt-out is not (instructors, contractors)', () => {
    for (const kind of ['instructor', 'contractor'] as const) {
      const d = setup({
        kind,
        subject: { partnerOptOuts: [{ recipientId: `${kind}-1` }] },
      }).decision;
      expect(d.decision).toBe('allow');
    }
  });
});

describe('verified parental consent (check 5)', () => {
  const child = '2016-05-01';
  const parental = (over: Record<string, unknown> = {}) => ({
    verifiedAt: '2026-02-01T00:00:00Z',
    method: 'signed-form',
    purposes: ['course_administration', 'operations', 'marketing', 'research'],
    withdrawnAt: null,
    ...over,
  });

  it.each([
    ['instructor', 'allow'],
    ['contractor', 'allow'],
    ['business_partner', 'deny'],
    ['university_partner', 'deny'],
    ['third_party_site', 'deny'],
    ['acquirer', 'deny'],
  ] as const)(
    'an under-13 with a live consent listing every purpose, to %s: %s',
    (kind, outcome) => {
      const d = setup({
        kind,
        subject: { birthDate: child, parentalConsent: parental() },
      }).decision;
      expect(d.decision === 'allow' || codes(d).includes('SUBJECT_UNDER_13')).toBe(true);
      expect(codes(d).includes('SUBJECT_UNDER_13')).toBe(outcome === 'deny');
    },
  );

  it('only the purposes the consent lists', () => {
    const p = parental({ purposes: ['operations'] });
    const d = setup({ subject: { birthDate: child, parentalConsent: p } }).decision;
    expect(codes(d)).toEqual(['SUBJECT_UNDER_13']);
  });

  it('course_improvement is not opened', () => {
    const d = setup({
      request: { purpose: 'course_improvement', data: { name: 'A' } },
      subject: {
        birthDate: child,
        parentalConsent: parental({ purposes: ['course_improvement'] }),
      },
    }).decision;
    expect(codes(d)).toEqual(['SUBJECT_UNDER_13']);
  });

  it('is live from verifiedAt until withdrawnAt (instant before, at, after each)', () => {
    const p = parental({ verifiedAt: '2026-02-01T00:00:00Z', withdrawnAt: '2026-04-01T00:00:00Z' });
    const at = (now: string) =>
      setup({ subject: { birthDate: child, parentalConsent: p }, now }).decision.decision;
    expect(at('2026-01-31T23:59:59.999Z')).toBe('deny');
    expect(at('2026-02-01T00:00:00.000Z')).toBe('allow');
    expect(at('2026-02-01T00:00:00.001Z')).toBe('allow');
    expect(at('2026-03-31T23:59:59.999Z')).toBe('allow');
    expect(at('2026-04-01T00:00:00.000Z')).toBe('deny');
    expect(at('2026-04-01T00:00:00.001Z')).toBe('deny');
  });

  it('null or absent parental consent changes nothing', () => {
    for (const parentalConsent of [null, undefined]) {
      const d = setup({ subject: { birthDate: child, parentalConsent } }).decision;
      expect(codes(d)).toEqual(['SUBJECT_UNDER_13']);
    }
  });
});

describe('legal counsel (legal_claims, litigation)', () => {
  it('receives with a litigation basis, sensitive only with consent, restricted never', () => {
    const d = setup({
      kind: 'legal_counsel',
      request: { data: { name: 'A', email: 'e', health: 'h', photoId: 'p' } },
    }).decision;
    expect(d.decision).toBe('allow');
    expect(d.fieldsShared).toEqual(['email', 'name']);
    expect(codes(d)).toEqual(['CONSENT_REQUIRED:health', 'NEVER_SHARED:photoId']);
    expect(d.transferMechanism).toEqual({ basis: 'not_required' });
  });

  it.each([
    ['no basis', undefined],
    ['another kind', { kind: 'subpoena', reference: 'X-1' }],
    ['no reference', { kind: 'litigation' }],
    ['blank reference', { kind: 'litigation', reference: ' \t' }],
  ])('%s: LEGAL_BASIS_REQUIRED citing the row', (_n, legalBasis) => {
    const d = setup({ kind: 'legal_counsel', request: { legalBasis } }).decision;
    expect(codes(d)).toEqual(['LEGAL_BASIS_REQUIRED']);
    expect(d.reasons[0]).toMatchObject({
      rule: 'matrix.legal_claims',
      clause: 'Government Authorities, Legal Rights and Actions',
    });
  });

  it('is not exempt from the transfer check nor from its contracted purposes', () => {
    const d = setup({
      kind: 'legal_counsel',
      subject: { residence: 'DE' },
      recipient: { country: 'US', purposes: [], transferMechanisms: [] },
    }).decision;
    expect(codes(d)).toEqual(['PURPOSE_NOT_CONTRACTED', 'NO_TRANSFER_MECHANISM']);
  });
});

describe('input defects (DESIGN §7)', () => {
  const wire = (legalBasis: unknown, data: string) =>
    `{"requestId":"r-1","requestedAt":"2026-03-01T10:00:00Z","producer":"p","subjectId":"learner-42",` +
    `"recipientId":"authority-1","purpose":"legal_process",` +
    (legalBasis === undefined ? '' : `"legalBasis":${JSON.stringify(legalBasis)},`) +
    `"data":${data}}`;
  const decideWire = (text: string) => {
    const parsed = parseShareRequest(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return decide(
      POLICY,
      { request: parsed.value, recipient: recipientOf('authority'), subject: subjectOf() },
      '2026-03-01T10:00:00Z',
      { pseudonymKey: KEY },
    );
  };

  it.each([
    ['missing', { kind: 'subpoena' }],
    ['empty', { kind: 'subpoena', reference: '' }],
    ['blank', { kind: 'court_order', reference: '   ' }],
  ])('a legalBasis whose reference is %s is a share.denied, LEGAL_BASIS_REQUIRED', (_n, basis) => {
    const d = decideWire(wire(basis, '{"name":"A"}'));
    expect(d.decision).toBe('deny');
    expect(codes(d)).toEqual(['LEGAL_BASIS_REQUIRED']);
    expect(d.data).toEqual({});
  });

  it.each(['constructor', 'prototype'])('a data field named %s is UNCLASSIFIED_FIELD', (key) => {
    const d = decideWire(
      wire({ kind: 'subpoena', reference: 'S-1' }, `{"name":"A","${key}":{"x":1}}`),
    );
    expect(d.decision).toBe('allow');
    expect(d.fieldsShared).toEqual(['name']);
    expect(d.fieldsWithheld).toEqual([key]);
    expect(codes(d)).toEqual([`UNCLASSIFIED_FIELD:${key}`]);
    expect(Object.keys(d.data)).toEqual(['name']);
  });

  it('only __proto__ is refused as input', () => {
    const r = parseShareRequest(
      wire({ kind: 'subpoena', reference: 'S-1' }, '{"__proto__":{"x":1}}'),
    );
    expect(r.ok).toBe(false);
  });
});
