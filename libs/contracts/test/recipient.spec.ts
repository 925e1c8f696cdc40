// Contract tests: every way a Recipient can break DESIGN §3, with the exact error lines.
import { parseRecipient, RECIPIENT_KINDS } from '@app/contracts';
import { errorsOf, type Message, RECIPIENT_JSON, variant } from './fixtures';

const refused = (change: (m: Message) => void): string[] =>
  errorsOf(parseRecipient(variant(RECIPIENT_JSON, change)));
const accepted = (change: (m: Message) => void): boolean =>
  parseRecipient(variant(RECIPIENT_JSON, change)).ok;
const MECHANISM_TYPES = 'contract, safe_harbor, privacy_shield, dpf';

describe('Recipient: required and optional properties', () => {
  it.each([
    'recipientId',
    'name',
    'kind',
    'country',
    'address',
    'status',
    'purposes',
    'transferMechanisms',
  ])('%s missing', (property) => {
    expect(refused((m) => delete m[property])).toEqual([`${property}: is required`]);
  });

  it('fields and courses are optional, but not null', () => {
    expect(accepted((m) => (delete m.fields, delete m.courses))).toBe(true);
    expect(refused((m) => ((m.fields = null), (m.courses = null)))).toEqual([
      'fields: must not be null',
      'courses: must not be null',
    ]);
  });

  it('fields is required for a contractor', () => {
    expect(accepted((m) => (m.kind = 'contractor'))).toBe(true);
    expect(refused((m) => ((m.kind = 'contractor'), delete m.fields))).toEqual([
      'fields: is required',
    ]);
  });

  it('purposes and transferMechanisms may be empty', () => {
    expect(accepted((m) => ((m.purposes = []), (m.transferMechanisms = [])))).toBe(true);
  });
});

describe('Recipient: unknown properties', () => {
  it('at the top level', () => {
    expect(refused((m) => (m.email = 'x'))).toEqual(['email: unknown property']);
  });

  it('inside a transfer mechanism', () => {
    expect(refused((m) => (m.transferMechanisms[0].signedBy = 'x'))).toEqual([
      'transferMechanisms[0].signedBy: unknown property',
    ]);
  });
});

describe('Recipient: formats and vocabularies', () => {
  it.each(RECIPIENT_KINDS)('kind %s is accepted', (kind) => {
    expect(accepted((m) => ((m.kind = kind), (m.fields = ['name'])))).toBe(true);
  });

  it.each(['university', 'Institution', ''])('kind %p is refused', (kind) => {
    expect(refused((m) => (m.kind = kind))).toEqual([
      `kind: must be one of: ${RECIPIENT_KINDS.join(', ')}`,
    ]);
  });

  it.each(['inactive', 'ACTIVE'])('status %p is refused', (status) => {
    expect(refused((m) => (m.status = status))).toEqual([
      'status: must be one of: active, suspended',
    ]);
  });

  it.each(['us', 'USA', 'U1', 'U', 'US-CA', ''])('country %p is refused', (country) => {
    expect(refused((m) => (m.country = country))).toEqual([
      'country: must be an ISO 3166-1 alpha-2 code (two upper-case letters)',
    ]);
  });

  it.each(['univ stanford', 'univ/stanford', 'univ:stanford', 'ünï', '', 'x'.repeat(129)])(
    'recipientId %p cannot be part of a topic name',
    (recipientId) => {
      expect(refused((m) => (m.recipientId = recipientId))).toEqual([
        'recipientId: must be 1..128 characters of [a-zA-Z0-9._-]',
      ]);
    },
  );

  it('recipientId may use dots, dashes and underscores', () => {
    expect(accepted((m) => (m.recipientId = 'Univ_Stanford.edu-1'))).toBe(true);
  });

  it.each([
    ['purposes', 'must be an array of strings of 1..64 characters'],
    ['fields', 'must be an array of strings of 1..128 characters'],
    ['courses', 'must be an array of strings of 1..128 characters'],
  ])('%s is a set of non-empty strings', (property, problem) => {
    expect(refused((m) => (m[property] = ['a', 'a']))).toEqual([
      `${property}: must not contain duplicates`,
    ]);
    expect(refused((m) => (m[property] = ['a', '']))).toEqual([`${property}: ${problem}`]);
    expect(refused((m) => (m[property] = ['a', 1]))).toEqual([`${property}: ${problem}`]);
    expect(refused((m) => (m[property] = 'a'))).toEqual([`${property}: ${problem}`]);
  });
});

describe('Recipient: transfer mechanisms', () => {
  it.each(['dpa', 'adequacy', ''])('type %p is refused', (type) => {
    expect(refused((m) => (m.transferMechanisms[0].type = type))).toEqual([
      `transferMechanisms[0].type: must be one of: ${MECHANISM_TYPES}`,
    ]);
  });

  it('validFrom is required; validUntil absent or null means open-ended', () => {
    expect(refused((m) => delete m.transferMechanisms[0].validFrom)).toEqual([
      'transferMechanisms[0].validFrom: is required',
    ]);
    expect(accepted((m) => delete m.transferMechanisms[0].validUntil)).toBe(true);
    expect(accepted((m) => (m.transferMechanisms[0].validUntil = null))).toBe(true);
  });

  it('validUntil must be a UTC timestamp after validFrom', () => {
    const problem = 'transferMechanisms[0].validUntil: must be after validFrom';
    expect(refused((m) => (m.transferMechanisms[0].validUntil = '2024-12-31T23:59:59Z'))).toEqual([
      problem,
    ]);
    expect(refused((m) => (m.transferMechanisms[0].validUntil = '2025-01-01T00:00:00Z'))).toEqual([
      problem,
    ]);
    expect(refused((m) => (m.transferMechanisms[0].validUntil = '2027-01-01'))).toEqual([
      'transferMechanisms[0].validUntil: must be an ISO-8601 UTC timestamp ending in Z or +00:00',
    ]);
  });

  it('a reference is required', () => {
    expect(refused((m) => (m.transferMechanisms[0].reference = ''))).toEqual([
      'transferMechanisms[0].reference: must be a string of 1..256 characters',
    ]);
  });

  it.each([[['contract']], [[null]], [[[]]], [{}], ['contract']])(
    'transferMechanisms %p is not an array of objects',
    (value) => {
      expect(refused((m) => (m.transferMechanisms = value))).toEqual([
        'transferMechanisms: must be an array of objects',
      ]);
    },
  );

  it('names the element at fault', () => {
    expect(
      refused((m) =>
        m.transferMechanisms.push({ type: 'dpf', reference: 'DPF-1', validFrom: 'soon' }),
      ),
    ).toEqual([
      'transferMechanisms[1].validFrom: must be an ISO-8601 UTC timestamp ending in Z or +00:00',
    ]);
  });
});

describe('Recipient v2: sector and covers (DESIGN §7)', () => {
  const v2 = (change: (m: Message) => void) => parseRecipient(variant(RECIPIENT_JSON, change));

  it.each(['private', 'public'])('sector %s is accepted; absent too', (sector) => {
    expect(v2((m) => (m.sector = sector)).ok).toBe(true);
    expect(v2((m) => delete m.sector).ok).toBe(true);
  });

  it('an unknown sector is refused', () => {
    expect(errorsOf(v2((m) => (m.sector = 'charity')))).toEqual([
      'sector: must be one of: private, public',
    ]);
  });

  it('covers is a set of regimes', () => {
    const mechanism = (covers: unknown) => (m: Message) =>
      ((m.transferMechanisms as Message[])[0].covers = covers);
    expect(v2(mechanism(['eu', 'ch', 'uk'])).ok).toBe(true);
    expect(v2(mechanism([])).ok).toBe(true);
    expect(errorsOf(v2(mechanism(['us'])))).toEqual([
      'transferMechanisms[0].covers: must be an array of distinct values of: eu, ch, uk',
    ]);
    expect(errorsOf(v2(mechanism(['eu', 'eu'])))).toEqual([
      'transferMechanisms[0].covers: must be an array of distinct values of: eu, ch, uk',
    ]);
  });

  it('legal_counsel is a kind', () => {
    expect(v2((m) => (m.kind = 'legal_counsel')).ok).toBe(true);
  });
});
