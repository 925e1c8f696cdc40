import { CONTRACT, codes, setup, type Scenario } from './support/setup';

describe('purposes, contracted purposes, courses and contracts', () => {
  const table: Array<[string, Scenario, string[]]> = [
    [
      'unknown purpose',
      { request: { purpose: 'sale_of_data' } },
      [
        'PURPOSE_NOT_PERMITTED',
        'PURPOSE_NOT_CONTRACTED',
        'NOTHING_TO_SHARE',
        'CATEGORY_NOT_PERMITTED:grades',
        'CATEGORY_NOT_PERMITTED:name',
      ],
    ],
    [
      'a purpose of another kind (instructor/marketing)',
      { request: { purpose: 'marketing' }, recipient: { purposes: ['marketing'] } },
      [
        'PURPOSE_NOT_PERMITTED',
        'NOTHING_TO_SHARE',
        'CATEGORY_NOT_PERMITTED:grades',
        'CATEGORY_NOT_PERMITTED:name',
      ],
    ],
    [
      'contractor asked for research',
      {
        kind: 'contractor',
        request: { purpose: 'research' },
        recipient: { purposes: ['research'] },
      },
      [
        'PURPOSE_NOT_PERMITTED',
        'NOTHING_TO_SHARE',
        'CATEGORY_NOT_PERMITTED:device',
        'CATEGORY_NOT_PERMITTED:email',
      ],
    ],
    [
      'purpose not agreed with the recipient',
      { recipient: { purposes: ['course_improvement'] } },
      ['PURPOSE_NOT_CONTRACTED'],
    ],
    [
      'no purposes agreed at all',
      { kind: 'business_partner', recipient: { purposes: [] } },
      ['PURPOSE_NOT_CONTRACTED'],
    ],
    [
      'authority: purposes not needed (exempt)',
      { kind: 'authority', recipient: { purposes: [] } },
      [],
    ],
    [
      'instructor with courses, courseId listed',
      { recipient: { courses: ['ml-101', 'db-201'] }, request: { courseId: 'db-201' } },
      [],
    ],
    [
      'instructor with courses, another course',
      { recipient: { courses: ['ml-101'] }, request: { courseId: 'db-201' } },
      ['COURSE_NOT_TAUGHT'],
    ],
    [
      'instructor with courses, courseId missing',
      { recipient: { courses: ['ml-101'] } },
      ['COURSE_NOT_TAUGHT'],
    ],
    [
      'instructor with an empty course list',
      { recipient: { courses: [] }, request: { courseId: 'ml-101' } },
      ['COURSE_NOT_TAUGHT'],
    ],
    ['instructor without a course list', { request: { courseId: 'anything' } }, []],
    [
      'institution with courses, course_improvement, another course',
      {
        kind: 'institution',
        recipient: { courses: ['ml-101'] },
        request: { purpose: 'course_improvement', courseId: 'x', data: { name: 'A' } },
      },
      ['COURSE_NOT_TAUGHT'],
    ],
    [
      'business partner: courses are not its business',
      { kind: 'business_partner', recipient: { courses: ['ml-101'] } },
      [],
    ],
    [
      'contractor without a contract',
      { kind: 'contractor', recipient: { transferMechanisms: [] } },
      ['CONTRACT_REQUIRED'],
    ],
    [
      'contractor with an expired contract (validUntil = now)',
      {
        kind: 'contractor',
        recipient: { transferMechanisms: [{ ...CONTRACT, validUntil: '2026-03-01T10:00:00Z' }] },
      },
      ['CONTRACT_REQUIRED'],
    ],
    [
      'contractor with a future contract',
      {
        kind: 'contractor',
        recipient: { transferMechanisms: [{ ...CONTRACT, validFrom: '2026-03-01T10:00:00.001Z' }] },
      },
      ['CONTRACT_REQUIRED'],
    ],
    [
      'contractor with a contract starting now',
      {
        kind: 'contractor',
        recipient: { transferMechanisms: [{ ...CONTRACT, validFrom: '2026-03-01T10:00:00Z' }] },
      },
      [],
    ],
    [
      'contractor with an open-ended contract',
      {
        kind: 'contractor',
        recipient: { transferMechanisms: [{ ...CONTRACT, validUntil: null }] },
      },
      [],
    ],
    [
      'contractor with a certification only',
      {
        kind: 'contractor',
        recipient: {
          transferMechanisms: [
            { type: 'dpf', reference: 'DPF-1', validFrom: '2024-01-01T00:00:00Z' },
          ],
        },
      },
      ['CONTRACT_REQUIRED'],
    ],
    [
      'acquirer without a contract',
      { kind: 'acquirer', recipient: { transferMechanisms: [] } },
      ['CONTRACT_REQUIRED'],
    ],
    ['instructor needs no contract', { recipient: { transferMechanisms: [] } }, []],
    [
      'every failure is listed, in check order',
      {
        kind: 'contractor',
        recipient: { status: 'suspended', purposes: [], transferMechanisms: [] },
        subject: { erased: true, birthDate: '2020-01-01' },
      },
      [
        'RECIPIENT_SUSPENDED',
        'SUBJECT_ERASED',
        'SUBJECT_UNDER_13',
        'PURPOSE_NOT_CONTRACTED',
        'CONTRACT_REQUIRED',
      ],
    ],
  ];
  it.each(table)('%s', (_n, scenario, expected) => {
    const { decision } = setup(scenario);
    expect(codes(decision)).toEqual(expected);
    expect(decision.decision).toBe(expected.length === 0 ? 'allow' : 'deny');
  });
});
