import { codes, setup, type Scenario } from './support/setup';

describe('field minimisation', () => {
  const restricted = {
    headshot: 'h',
    typingPattern: 't',
    photoId: 'p',
    income: 1,
    paymentCard: '4111',
  };

  it.each(['instructor', 'contractor', 'authority', 'acquirer'] as const)(
    'restricted fields never reach a %s (NEVER_SHARED)',
    (kind) => {
      const { decision } = setup({ kind, request: { data: { ...restricted, name: 'Ada' } } });
      expect(codes(decision).filter((c) => c.startsWith('NEVER_SHARED'))).toEqual(
        Object.keys(restricted)
          .sort()
          .map((f) => `NEVER_SHARED:${f}`),
      );
      for (const f of Object.keys(restricted)) expect(decision.data).not.toHaveProperty(f);
    },
  );

  const table: Array<[string, Scenario, string[], string[]]> = [
    // [name, scenario, reasons, fieldsShared]
    [
      'unclassified field',
      { request: { data: { name: 'A', shoeSize: 44 } } },
      ['UNCLASSIFIED_FIELD:shoeSize'],
      ['name'],
    ],
    [
      'category outside the row',
      { request: { data: { name: 'A', dateOfBirth: '2001-05-17', activity: {} } } },
      ['CATEGORY_NOT_PERMITTED:activity', 'CATEGORY_NOT_PERMITTED:dateOfBirth'],
      ['name'],
    ],
    [
      'course.* covers every course category',
      {
        request: {
          data: {
            courseId: 'c',
            enrollment: 1,
            progress: 1,
            grades: 1,
            submissions: 1,
            quizResponses: 1,
          },
        },
      },
      [],
      ['courseId', 'enrollment', 'grades', 'progress', 'quizResponses', 'submissions'],
    ],
    [
      'sensitive to an instructor',
      { request: { data: { name: 'A', health: 'x' } } },
      ['CATEGORY_NOT_PERMITTED:health'],
      ['name'],
    ],
    [
      'sensitive to a contractor (every category but sensitive)',
      {
        kind: 'contractor',
        recipient: { fields: ['email', 'religion'] },
        request: { data: { email: 'e', religion: 'r' } },
      },
      ['CATEGORY_NOT_PERMITTED:religion'],
      ['email'],
    ],
    [
      'sensitive to an acquirer',
      { kind: 'acquirer', request: { data: { name: 'A', politicalOpinions: 'x' } } },
      ['CATEGORY_NOT_PERMITTED:politicalOpinions'],
      ['name'],
    ],
    [
      "field outside the recipient's allow-list",
      { recipient: { fields: ['name'] }, request: { data: { name: 'A', grades: [] } } },
      ['FIELD_NOT_CONTRACTED:grades'],
      ['name'],
    ],
    [
      'contractor without an allow-list',
      { kind: 'contractor', recipient: { fields: undefined } },
      ['NOTHING_TO_SHARE', 'FIELD_NOT_CONTRACTED:device', 'FIELD_NOT_CONTRACTED:email'],
      [],
    ],
    [
      'category check comes before the allow-list',
      {
        recipient: { fields: ['name'] },
        request: { data: { name: 'A', income: 1, dateOfBirth: 'd' } },
      },
      ['CATEGORY_NOT_PERMITTED:dateOfBirth', 'NEVER_SHARED:income'],
      ['name'],
    ],
    [
      'research gets no identity',
      {
        kind: 'university_partner',
        request: {
          data: { name: 'A', email: 'e', grades: [], forumPosts: [], surveyResponses: [] },
        },
      },
      ['CATEGORY_NOT_PERMITTED:email', 'CATEGORY_NOT_PERMITTED:name'],
      ['forumPosts', 'grades', 'surveyResponses'],
    ],
    [
      'marketing gets name and email only',
      { kind: 'business_partner', request: { data: { name: 'A', email: 'e', grades: [] } } },
      ['CATEGORY_NOT_PERMITTED:grades'],
      ['email', 'name'],
    ],
    [
      'social integration gets name and email only',
      {
        kind: 'third_party_site',
        request: { data: { name: 'A', postalAddress: 'p' } },
        subject: {
          consents: [
            {
              recipientId: '*',
              purpose: 'social_integration',
              categories: ['identity.name'],
              givenAt: '2026-01-01T00:00:00Z',
            },
          ],
        },
      },
      ['CATEGORY_NOT_PERMITTED:postalAddress'],
      ['name'],
    ],
  ];
  it.each(table)('%s', (_n, scenario, expected, shared) => {
    const { decision } = setup(scenario);
    expect(codes(decision)).toEqual(expected);
    expect(decision.fieldsShared).toEqual(shared);
    expect(Object.keys(decision.data)).toEqual(shared);
    expect(decision.decision).toBe(shared.length > 0 ? 'allow' : 'deny');
  });

  it('withheld fields do not deny; they are listed, sorted, with a reason each', () => {
    const { decision } = setup({
      request: { data: { zeta: 1, name: 'A', dateOfBirth: 'd', Alpha: 2 } },
    });
    expect(decision.decision).toBe('allow');
    expect(decision.fieldsWithheld).toEqual(['Alpha', 'dateOfBirth', 'zeta']);
    expect(decision.reasons.map((r) => r.field)).toEqual(['Alpha', 'dateOfBirth', 'zeta']);
    expect(decision.reasons[1]).toEqual({
      code: 'CATEGORY_NOT_PERMITTED',
      field: 'dateOfBirth',
      rule: 'matrix.course_administration',
      clause: 'Participation in Online Courses',
    });
  });

  it('NOTHING_TO_SHARE when no field survives; request reasons come before field reasons', () => {
    const { decision } = setup({
      recipient: { status: 'suspended' },
      request: { data: { income: 1 } },
    });
    expect(codes(decision)).toEqual([
      'RECIPIENT_SUSPENDED',
      'NOTHING_TO_SHARE',
      'NEVER_SHARED:income',
    ]);
    expect(decision.fieldsWithheld).toEqual(['income']);
  });

  it('an empty payload has nothing to share', () => {
    expect(codes(setup({ request: { data: {} } }).decision)).toEqual(['NOTHING_TO_SHARE']);
  });

  it('a deny shares nothing: empty data, no fields or categories shared, every field withheld', () => {
    const { decision } = setup({ subject: { erased: true } });
    expect(decision).toMatchObject({
      decision: 'deny',
      data: {},
      fieldsShared: [],
      categoriesShared: [],
    });
    expect(decision.fieldsWithheld).toEqual(['grades', 'name']);
  });

  it('__proto__ and friends are unclassified, never shared, and do not pollute the output', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "name": "Ada"}');
    const { decision } = setup({ request: { data } });
    expect(codes(decision)).toEqual([
      'UNCLASSIFIED_FIELD:__proto__',
      'UNCLASSIFIED_FIELD:constructor',
    ]);
    expect(JSON.stringify(decision.data)).toBe('{"name":"Ada"}');
    expect(Object.getPrototypeOf(decision.data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
