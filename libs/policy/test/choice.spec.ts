import type { Consent } from '@app/contracts/subject';
import { POLICY, codes, setup, type Scenario } from './support/setup';

const consent = (over: Partial<Consent> = {}): Consent => ({
  recipientId: 'third_party_site-1',
  purpose: 'social_integration',
  categories: ['identity.name', 'contact.email'],
  givenAt: '2026-01-01T00:00:00Z',
  withdrawnAt: null,
  ...over,
});
const site = (consents: Consent[]): Scenario => ({
  kind: 'third_party_site',
  subject: { consents },
});

describe('opt-out (check 10)', () => {
  it.each([
    ['business_partner', 'marketing', ['SUBJECT_OPTED_OUT']],
    ['university_partner', 'research', ['SUBJECT_OPTED_OUT']],
    ['university_partner', 'marketing', ['SUBJECT_OPTED_OUT']],
    ['instructor', 'course_administration', []],
    ['contractor', 'operations', []],
    ['authority', 'legal_process', []],
    ['acquirer', 'corporate_transaction', []],
  ] as const)('%s / %s with an opt-out of that purpose: %j', (kind, purpose, expected) => {
    const { decision } = setup({
      kind,
      request: { purpose, data: { name: 'A', grades: [] } },
      subject: { optOuts: [purpose] },
    });
    expect(codes(decision).filter((c) => !c.includes(':'))).toEqual(expected);
  });

  it('an opt-out of another purpose does not count', () => {
    expect(
      setup({ kind: 'business_partner', subject: { optOuts: ['research'] } }).decision.decision,
    ).toBe('allow');
  });
});

describe('consent to a third-party site (check 11)', () => {
  it.each([
    ['live consent for this site', [consent()], true],
    ['live consent for "*"', [consent({ recipientId: '*' })], true],
    ['consent given exactly now', [consent({ givenAt: '2026-03-01T10:00:00Z' })], true],
    ['consent given in the future', [consent({ givenAt: '2026-03-01T10:00:00.001Z' })], false],
    ['consent withdrawn before now', [consent({ withdrawnAt: '2026-02-01T00:00:00Z' })], false],
    ['consent withdrawn exactly now', [consent({ withdrawnAt: '2026-03-01T10:00:00Z' })], false],
    ['consent withdrawn after now', [consent({ withdrawnAt: '2026-03-01T10:00:00.001Z' })], true],
    [
      'consent withdrawn, then given again',
      [
        consent({ withdrawnAt: '2026-02-01T00:00:00Z' }),
        consent({ givenAt: '2026-02-15T00:00:00Z' }),
      ],
      true,
    ],
    ['consent for another site', [consent({ recipientId: 'facebook' })], false],
    ['consent for another purpose', [consent({ purpose: 'marketing' })], false],
    ['no consent', [], false],
  ] as Array<[string, Consent[], boolean]>)('%s', (_n, consents, ok) => {
    const { decision } = setup(site(consents));
    expect(decision.decision).toBe(ok ? 'allow' : 'deny');
    if (!ok) {
      expect(decision.reasons).toEqual([
        { code: 'CONSENT_REQUIRED', rule: 'check.third_party_consent', clause: 'External Links' },
      ]);
    }
  });

  it('a third-party site needs consent for any purpose it is sent', () => {
    const { decision } = setup({
      kind: 'third_party_site',
      request: { purpose: 'marketing' },
      recipient: { purposes: ['marketing'] },
    });
    expect(codes(decision).slice(0, 2)).toEqual(['PURPOSE_NOT_PERMITTED', 'CONSENT_REQUIRED']);
  });

  it('shares only the categories the consent names', () => {
    const { decision } = setup({
      kind: 'third_party_site',
      request: { data: { name: 'A', email: 'a@example.org' } },
      subject: { consents: [consent({ categories: ['identity.name'] })] },
    });
    expect(decision.decision).toBe('allow');
    expect(decision.fieldsShared).toEqual(['name']);
    expect(decision.reasons).toEqual([
      expect.objectContaining({ code: 'CONSENT_REQUIRED', field: 'email' }),
    ]);
  });

  it('shares nothing under a consent that names no category of the request', () => {
    const { decision } = setup({
      kind: 'third_party_site',
      request: { data: { name: 'A', email: 'a@example.org' } },
      subject: { consents: [consent({ categories: ['course.progress'] })] },
    });
    expect(decision.decision).toBe('deny');
    expect(codes(decision)).toEqual([
      'NOTHING_TO_SHARE',
      'CONSENT_REQUIRED:email',
      'CONSENT_REQUIRED:name',
    ]);
  });

  it('an opt-out is not what a third-party site is judged by', () => {
    const { decision } = setup({
      kind: 'third_party_site',
      subject: { optOuts: ['social_integration'], consents: [consent()] },
    });
    expect(decision.decision).toBe('allow');
  });
});

describe('consent to a sensitive category (field rule)', () => {
  // The default policy's research rows admit sensitive.* with explicit consent (DESIGN §7).
  const policy = POLICY;
  const research = (consents: Consent[]): Scenario => ({
    kind: 'university_partner',
    policy,
    request: { data: { grades: [1], health: 'x', religion: 'y' } },
    subject: { consents },
  });
  const c = (over: Partial<Consent>) =>
    consent({
      recipientId: 'university_partner-1',
      purpose: 'research',
      categories: ['sensitive.health'],
      ...over,
    });

  it.each([
    ['no consent', [], ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion']],
    ['consent to health', [c({})], ['CONSENT_REQUIRED:religion']],
    ['consent to health for "*"', [c({ recipientId: '*' })], ['CONSENT_REQUIRED:religion']],
    ['consent to both', [c({ categories: ['sensitive.health', 'sensitive.religion'] })], []],
    [
      'consent withdrawn',
      [c({ withdrawnAt: '2026-02-01T00:00:00Z' })],
      ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion'],
    ],
    [
      'consent in the future',
      [c({ givenAt: '2027-01-01T00:00:00Z' })],
      ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion'],
    ],
    [
      'consent for marketing',
      [c({ purpose: 'marketing' })],
      ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion'],
    ],
    [
      'consent for another recipient',
      [c({ recipientId: 'other' })],
      ['CONSENT_REQUIRED:health', 'CONSENT_REQUIRED:religion'],
    ],
  ] as Array<[string, Consent[], string[]]>)('%s', (_n, consents, expected) => {
    const { decision } = setup(research(consents));
    expect(decision.decision).toBe('allow');
    expect(codes(decision)).toEqual(expected);
    const withheld = expected.map((e) => e.split(':')[1]);
    expect(decision.fieldsWithheld).toEqual(withheld);
    for (const f of withheld) expect(decision.data).not.toHaveProperty(f);
  });

  it('cites the sensitive-consent rule', () => {
    expect(setup(research([])).decision.reasons[0]).toEqual({
      code: 'CONSENT_REQUIRED',
      field: 'health',
      rule: 'field.sensitive_consent',
      clause: 'Choice',
    });
  });

  it('an authority receives sensitive data without consent', () => {
    const { decision } = setup({
      kind: 'authority',
      request: { data: { health: 'x', race: 'y' } },
    });
    expect(decision.fieldsShared).toEqual(['health', 'race']);
    expect(decision.categoriesShared).toEqual(['sensitive.health', 'sensitive.race']);
  });
});
