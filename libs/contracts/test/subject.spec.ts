// Contract tests: every way a SubjectProfile can break DESIGN §3, with the exact error lines.
import { parseSubjectProfile } from '@app/contracts';
import { errorsOf, type Message, SUBJECT_JSON, variant } from './fixtures';

const refused = (change: (m: Message) => void): string[] =>
  errorsOf(parseSubjectProfile(variant(SUBJECT_JSON, change)));
const accepted = (change: (m: Message) => void): boolean =>
  parseSubjectProfile(variant(SUBJECT_JSON, change)).ok;

describe('SubjectProfile: required and optional properties', () => {
  it.each(['subjectId', 'residence', 'erased', 'optOuts', 'consents'])('%s missing', (property) => {
    expect(refused((m) => delete m[property])).toEqual([`${property}: is required`]);
  });

  it('birthDate may be absent (attested 13+), but not null', () => {
    expect(accepted((m) => delete m.birthDate)).toBe(true);
    expect(refused((m) => (m.birthDate = null))).toEqual(['birthDate: must not be null']);
  });

  it('optOuts and consents may be empty', () => {
    expect(accepted((m) => ((m.optOuts = []), (m.consents = [])))).toBe(true);
  });

  it.each(['false', 0, null])('erased %p is not a boolean', (erased) => {
    const problem = erased === null ? 'must not be null' : 'must be a boolean';
    expect(refused((m) => (m.erased = erased))).toEqual([`erased: ${problem}`]);
  });
});

describe('SubjectProfile: unknown properties', () => {
  it('at the top level and inside a consent', () => {
    expect(refused((m) => ((m.email = 'x'), (m.consents[0].ip = 'x')))).toEqual([
      'email: unknown property',
      'consents[0].ip: unknown property',
    ]);
  });
});

describe('SubjectProfile: formats', () => {
  it.each(['DE', 'US', 'US-CA', 'US-NY'])('residence %p is accepted', (residence) => {
    expect(accepted((m) => (m.residence = residence))).toBe(true);
  });

  it.each(['de', 'DEU', 'DE-BY', 'US-C', 'US-CAL', 'us-ca', ''])(
    'residence %p is refused',
    (residence) => {
      expect(refused((m) => (m.residence = residence))).toEqual([
        'residence: must be an ISO 3166-1 alpha-2 code or a US state such as US-CA',
      ]);
    },
  );

  it.each(['2000-02-29', '2001-12-31', '1900-01-01'])('birthDate %p is accepted', (date) => {
    expect(accepted((m) => (m.birthDate = date))).toBe(true);
  });

  it.each([
    '2001-02-29',
    '1900-02-29',
    '2001-13-01',
    '2001-04-31',
    '2001-5-17',
    '2001-05-17T00:00:00Z',
    '17.05.2001',
    '0000-01-01',
  ])('birthDate %p is refused', (date) => {
    expect(refused((m) => (m.birthDate = date))).toEqual([
      'birthDate: must be a real date in YYYY-MM-DD form',
    ]);
  });

  it('optOuts is a set of non-empty strings', () => {
    expect(refused((m) => (m.optOuts = ['marketing', 'marketing']))).toEqual([
      'optOuts: must not contain duplicates',
    ]);
    expect(refused((m) => (m.optOuts = ['']))).toEqual([
      'optOuts: must be an array of strings of 1..64 characters',
    ]);
  });
});

describe('SubjectProfile: consents', () => {
  it('recipientId "*" means any recipient', () => {
    expect(accepted((m) => (m.consents[0].recipientId = '*'))).toBe(true);
  });

  it('withdrawnAt absent or null means live; when present it is not before givenAt', () => {
    expect(accepted((m) => delete m.consents[0].withdrawnAt)).toBe(true);
    expect(accepted((m) => (m.consents[0].withdrawnAt = '2026-01-01T00:00:00Z'))).toBe(true);
    expect(refused((m) => (m.consents[0].withdrawnAt = '2025-12-31T23:59:59Z'))).toEqual([
      'consents[0].withdrawnAt: must be at or after givenAt',
    ]);
  });

  it('givenAt, purpose, categories and recipientId are required', () => {
    expect(refused((m) => (m.consents[0] = {}))).toEqual([
      'consents[0].recipientId: is required',
      'consents[0].purpose: is required',
      'consents[0].categories: is required',
      'consents[0].givenAt: is required',
    ]);
  });

  it('categories is a set', () => {
    expect(refused((m) => (m.consents[0].categories = ['identity.name', 'identity.name']))).toEqual(
      ['consents[0].categories: must not contain duplicates'],
    );
  });

  it('givenAt must be UTC', () => {
    expect(refused((m) => (m.consents[0].givenAt = '2026-01-01T01:00:00+01:00'))).toEqual([
      'consents[0].givenAt: must be an ISO-8601 UTC timestamp ending in Z or +00:00',
    ]);
  });

  it('each consent must be an object', () => {
    expect(refused((m) => m.consents.push('facebook'))).toEqual([
      'consents: must be an array of objects',
    ]);
  });
});

describe('SubjectProfile v2: partnerOptOuts and parentalConsent (DESIGN §7)', () => {
  const parental = {
    verifiedAt: '2026-02-01T00:00:00Z',
    method: 'signed-form',
    purposes: ['course_administration'],
    withdrawnAt: null,
  };

  it('both are optional; parentalConsent may be null', () => {
    expect(accepted((m) => ((m.partnerOptOuts = []), (m.parentalConsent = null)))).toBe(true);
    expect(
      accepted((m) => {
        m.partnerOptOuts = [
          { recipientId: 'acme-books', purposes: ['marketing'] },
          { recipientId: '*' },
        ];
        m.parentalConsent = parental;
      }),
    ).toBe(true);
  });

  it('a partner opt-out needs a recipientId; its purposes are a set', () => {
    expect(refused((m) => (m.partnerOptOuts = [{ purposes: ['marketing'] }]))).toEqual([
      'partnerOptOuts[0].recipientId: is required',
    ]);
    expect(
      refused((m) => (m.partnerOptOuts = [{ recipientId: 'a', purposes: ['x', 'x'] }])),
    ).toEqual(['partnerOptOuts[0].purposes: must not contain duplicates']);
    expect(refused((m) => (m.partnerOptOuts = [{ recipientId: 'a', extra: 1 }]))).toEqual([
      'partnerOptOuts[0].extra: unknown property',
    ]);
  });

  it('a parental consent needs verifiedAt, method and purposes; withdrawal not before it', () => {
    expect(refused((m) => (m.parentalConsent = {}))).toEqual([
      'parentalConsent.verifiedAt: is required',
      'parentalConsent.method: is required',
      'parentalConsent.purposes: is required',
    ]);
    expect(
      refused((m) => (m.parentalConsent = { ...parental, withdrawnAt: '2026-01-01T00:00:00Z' })),
    ).toEqual(['parentalConsent.withdrawnAt: must be at or after verifiedAt']);
  });
});
