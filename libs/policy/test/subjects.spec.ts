import { hasReachedAge } from '@app/policy';
import { codes, setup, type Scenario } from './support/setup';

describe('subjects: known, erased, age', () => {
  it('an unknown subject is denied UNKNOWN_SUBJECT and nothing else is evaluated', () => {
    const { decision } = setup({ subject: null, recipient: { status: 'suspended' } });
    expect(codes(decision)).toEqual(['UNKNOWN_SUBJECT']);
    expect(decision.transferMechanism).toBeNull();
    expect(decision.data).toEqual({});
  });

  it('a subject record of someone else is unknown', () => {
    expect(codes(setup({ subject: { subjectId: 'learner-43' } }).decision)).toEqual([
      'UNKNOWN_SUBJECT',
    ]);
  });

  it('an unknown recipient is reported before an unknown subject', () => {
    expect(codes(setup({ recipient: null, subject: null }).decision)).toEqual([
      'UNKNOWN_RECIPIENT',
    ]);
  });

  const table: Array<[string, Scenario, string[]]> = [
    ['erased subject', { subject: { erased: true } }, ['SUBJECT_ERASED']],
    ['erased subject, authority (exempt)', { kind: 'authority', subject: { erased: true } }, []],
    [
      'erased subject, acquirer',
      { kind: 'acquirer', subject: { erased: true } },
      ['SUBJECT_ERASED'],
    ],
    ['no birthDate: attested 13+', { subject: { birthDate: undefined } }, []],
    ['12 years old', { subject: { birthDate: '2013-06-01' } }, ['SUBJECT_UNDER_13']],
    [
      '13 the day before: under 13 at 23:59:59.999Z',
      { subject: { birthDate: '2013-03-02' }, now: '2026-03-01T23:59:59.999Z' },
      ['SUBJECT_UNDER_13'],
    ],
    [
      '13 on the birthday at 00:00Z',
      { subject: { birthDate: '2013-03-01' }, now: '2026-03-01T00:00:00Z' },
      [],
    ],
    ['13 and a day', { subject: { birthDate: '2013-02-28' } }, []],
    [
      'under 13, authority (exempt)',
      { kind: 'authority', subject: { birthDate: '2020-01-01' } },
      [],
    ],
    [
      'under 13 and erased: both listed in order',
      { subject: { birthDate: '2020-01-01', erased: true } },
      ['SUBJECT_ERASED', 'SUBJECT_UNDER_13'],
    ],
    [
      'unreadable birthDate counts as under 13',
      { subject: { birthDate: 'soon' } },
      ['SUBJECT_UNDER_13'],
    ],
  ];
  it.each(table)('%s', (_n, scenario, expected) => {
    const { decision } = setup(scenario);
    expect(codes(decision)).toEqual(expected);
    expect(decision.decision).toBe(expected.length === 0 ? 'allow' : 'deny');
  });

  describe('hasReachedAge (calendar, UTC)', () => {
    const at = (iso: string) => Date.parse(iso);
    it.each([
      ['2000-02-29', '2013-02-28T23:59:59Z', false],
      ['2000-02-29', '2013-03-01T00:00:00Z', true],
      ['2000-02-29', '2012-02-29T00:00:00Z', false],
      ['2010-12-31', '2023-12-31T00:00:00Z', true],
      ['2010-12-31', '2023-12-30T23:59:59Z', false],
      ['2010-01-01', '2023-01-01T00:00:00+01:00', false], // still 31 Dec 2022 in UTC
    ])('born %s, at %s: %s', (born, now, expected) => {
      expect(hasReachedAge(born, 13, at(now))).toBe(expected);
    });
  });
});
