import { codes, setup, type Scenario } from './support/setup';

describe('recipients, status and every matrix row', () => {
  const rows: Array<[string, Scenario, string[], string[]]> = [
    // [name, scenario, fieldsShared, categoriesShared]
    [
      'instructor / course_administration',
      { kind: 'instructor' },
      ['grades', 'name'],
      ['course.performance', 'identity.name'],
    ],
    [
      'instructor / course_improvement',
      {
        kind: 'instructor',
        request: { purpose: 'course_improvement', data: { name: 'A', forumPosts: [] } },
      },
      ['forumPosts', 'name'],
      ['forum.posts', 'identity.name'],
    ],
    [
      'institution / course_administration',
      { kind: 'institution' },
      ['email', 'name'],
      ['contact.email', 'identity.name'],
    ],
    [
      'institution / course_improvement',
      { kind: 'institution', request: { purpose: 'course_improvement', data: { forumPosts: [] } } },
      ['forumPosts'],
      ['forum.posts'],
    ],
    [
      'university_partner / research',
      { kind: 'university_partner' },
      ['activity', 'grades'],
      ['course.performance', 'usage.activity'],
    ],
    [
      'university_partner / marketing',
      { kind: 'university_partner', request: { purpose: 'marketing', data: { email: 'e' } } },
      ['email'],
      ['contact.email'],
    ],
    [
      'business_partner / marketing',
      { kind: 'business_partner' },
      ['email', 'name'],
      ['contact.email', 'identity.name'],
    ],
    [
      'business_partner / research',
      {
        kind: 'business_partner',
        request: { purpose: 'research', data: { surveyResponses: [1], demographics: {} } },
      },
      ['demographics', 'surveyResponses'],
      ['survey.demographics', 'survey.responses'],
    ],
    [
      'contractor / operations',
      { kind: 'contractor' },
      ['device', 'email'],
      ['contact.email', 'technical.device'],
    ],
    [
      'authority / legal_process',
      { kind: 'authority' },
      ['name', 'postalAddress'],
      ['contact.postal_address', 'identity.name'],
    ],
    [
      'authority / protection',
      {
        kind: 'authority',
        request: {
          purpose: 'protection',
          legalBasis: { kind: 'emergency', reference: 'E-1' },
          data: { ipAddress: '1.2.3.4' },
        },
      },
      ['ipAddress'],
      ['technical.device'],
    ],
    [
      'acquirer / corporate_transaction',
      { kind: 'acquirer' },
      ['grades', 'name'],
      ['course.performance', 'identity.name'],
    ],
    [
      'third_party_site / social_integration',
      {
        kind: 'third_party_site',
        subject: {
          consents: [
            {
              recipientId: 'third_party_site-1',
              purpose: 'social_integration',
              categories: ['identity.name'],
              givenAt: '2026-01-01T00:00:00Z',
              withdrawnAt: null,
            },
          ],
        },
      },
      ['name'],
      ['identity.name'],
    ],
  ];

  it.each(rows)('%s is allowed', (_name, scenario, shared, categories) => {
    const { decision, input } = setup(scenario);
    expect(decision.decision).toBe('allow');
    expect(decision.reasons).toEqual([]);
    expect(decision.fieldsShared).toEqual(shared);
    expect(decision.fieldsWithheld).toEqual([]);
    expect(decision.categoriesShared).toEqual(categories);
    expect(Object.keys(decision.data)).toEqual(shared);
    for (const f of shared) expect(decision.data[f]).toBe(input.request.data[f]);
    expect(decision.transferMechanism).toEqual({ basis: 'not_required' });
    expect(decision.policy).toEqual({
      id: 'coursera-privacy',
      version: '2015-11-04',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
  });

  it.each([
    ['unknown (null)', { recipient: null }],
    ['a record of another recipient', { recipient: { recipientId: 'someone-else' } }],
  ] as Array<[string, Scenario]>)('recipient %s: UNKNOWN_RECIPIENT stops evaluation', (_n, s) => {
    const { decision } = setup({ ...s, subject: { erased: true } });
    expect(codes(decision)).toEqual(['UNKNOWN_RECIPIENT']);
    expect(decision.decision).toBe('deny');
    expect(decision.transferMechanism).toBeNull();
    expect(decision.data).toEqual({});
    expect(decision.fieldsShared).toEqual([]);
    expect(decision.fieldsWithheld).toEqual(['grades', 'name']);
    expect(decision.subjectRef).toBe('learner-42');
  });

  it.each(['instructor', 'contractor', 'authority', 'third_party_site'] as const)(
    'a suspended %s is denied RECIPIENT_SUSPENDED first',
    (kind) => {
      const { decision } = setup({ kind, recipient: { status: 'suspended' } });
      expect(decision.decision).toBe('deny');
      expect(decision.reasons[0]).toMatchObject({
        code: 'RECIPIENT_SUSPENDED',
        rule: 'check.recipient_active',
      });
      expect(decision.reasons[0].clause).toBe('Onward Transfers (Transfer to Third Parties)');
      expect(decision.reasons[0]).not.toHaveProperty('field');
    },
  );

  it('a kind the policy does not know is denied PURPOSE_NOT_PERMITTED', () => {
    const { decision } = setup({ recipient: { kind: 'oracle' as never } });
    expect(codes(decision)).toEqual([
      'PURPOSE_NOT_PERMITTED',
      'NOTHING_TO_SHARE',
      'CATEGORY_NOT_PERMITTED:grades',
      'CATEGORY_NOT_PERMITTED:name',
    ]);
  });

  it('marks only allowed marketing shares as direct marketing', () => {
    expect(setup({ kind: 'business_partner' }).decision.directMarketing).toBe(true);
    expect(
      setup({ kind: 'university_partner', request: { purpose: 'marketing', data: { name: 'A' } } })
        .decision.directMarketing,
    ).toBe(true);
    expect(
      setup({ kind: 'business_partner', subject: { optOuts: ['marketing'] } }).decision
        .directMarketing,
    ).toBe(false);
    expect(setup({ kind: 'university_partner' }).decision.directMarketing).toBe(false);
    expect(setup({ kind: 'instructor' }).decision.directMarketing).toBe(false);
  });
});
