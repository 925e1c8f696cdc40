// Contract tests: every way a ShareRequest can break DESIGN §3, with the exact error lines.
import { parseShareRequest, validateShareRequest } from '@app/contracts';
import { errorsOf, example, type Message, SHARE_REQUEST_JSON, variant } from './fixtures';

const refused = (change: (m: Message) => void): string[] =>
  errorsOf(parseShareRequest(variant(SHARE_REQUEST_JSON, change)));
const accepted = (change: (m: Message) => void): boolean =>
  parseShareRequest(variant(SHARE_REQUEST_JSON, change)).ok;

describe('ShareRequest: required properties', () => {
  it.each(['requestId', 'requestedAt', 'producer', 'subjectId', 'recipientId', 'purpose', 'data'])(
    '%s missing',
    (property) => {
      expect(refused((m) => delete m[property])).toEqual([`${property}: is required`]);
    },
  );

  it.each(['requestId', 'requestedAt', 'producer', 'subjectId', 'recipientId', 'purpose', 'data'])(
    '%s null',
    (property) => {
      expect(refused((m) => (m[property] = null))).toEqual([`${property}: must not be null`]);
    },
  );

  it('courseId and legalBasis may be absent, but not null', () => {
    expect(accepted((m) => (delete m.courseId, delete m.legalBasis))).toBe(true);
    expect(refused((m) => ((m.courseId = null), (m.legalBasis = null)))).toEqual([
      'courseId: must not be null',
      'legalBasis: must not be null',
    ]);
  });
});

describe('ShareRequest: unknown properties', () => {
  it('at the top level', () => {
    expect(refused((m) => (m.requestedBy = 'x'))).toEqual(['requestedBy: unknown property']);
  });

  it('inside legalBasis', () => {
    expect(refused((m) => (m.legalBasis.court = 'x'))).toEqual([
      'legalBasis.court: unknown property',
    ]);
  });

  it('are allowed inside data, at any depth', () => {
    expect(
      accepted((m) => (m.data = { anything: { goes: [1, 'two', null, { deep: true }] } })),
    ).toBe(true);
  });

  it('odd names are quoted in the path', () => {
    expect(refused((m) => (m['0'] = 1))).toEqual(['["0"]: unknown property']);
    expect(refused((m) => (m['a b"'] = 1))).toEqual(['["a b\\""]: unknown property']);
  });
});

describe('ShareRequest: lengths', () => {
  const chars = (n: number): string => 'x'.repeat(n);

  it.each([
    ['requestId', 128],
    ['producer', 64],
    ['subjectId', 128],
    ['recipientId', 128],
    ['purpose', 64],
    ['courseId', 128],
  ])('%s is 1..%i characters', (property, max) => {
    expect(accepted((m) => (m[property] = chars(max)))).toBe(true);
    expect(accepted((m) => (m[property] = 'x'))).toBe(true);
    const problem = `${property}: must be a string of 1..${max} characters`;
    expect(refused((m) => (m[property] = chars(max + 1)))).toEqual([problem]);
    expect(refused((m) => (m[property] = ''))).toEqual([problem]);
    expect(refused((m) => (m[property] = 42))).toEqual([problem]);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(accepted((m) => (m.producer = '😀'.repeat(64)))).toBe(true);
    expect(refused((m) => (m.producer = '😀'.repeat(65)))).toEqual([
      'producer: must be a string of 1..64 characters',
    ]);
  });

  it('legalBasis needs a non-empty kind; its reference is bounded but may be missing or blank', () => {
    expect(refused((m) => (m.legalBasis = { kind: '', reference: '' }))).toEqual([
      'legalBasis.kind: must be a string of 1..64 characters',
    ]);
    expect(refused((m) => (m.legalBasis = {}))).toEqual(['legalBasis.kind: is required']);
    expect(
      refused((m) => (m.legalBasis = { kind: 'subpoena', reference: 'r'.repeat(257) })),
    ).toEqual(['legalBasis.reference: must be a string of 0..256 characters']);
    expect(refused((m) => (m.legalBasis = { kind: 'subpoena', reference: 7 }))).toEqual([
      'legalBasis.reference: must be a string of 0..256 characters',
    ]);
  });

  it.each([
    ['missing', { kind: 'subpoena' }],
    ['empty', { kind: 'subpoena', reference: '' }],
    ['blank', { kind: 'subpoena', reference: ' \t ' }],
  ])('a legalBasis whose reference is %s is valid input (the policy denies it)', (_, basis) => {
    expect(accepted((m) => (m.legalBasis = basis))).toBe(true);
  });
});

describe('ShareRequest: formats and types', () => {
  it.each([
    '2026-03-01T10:00:00+01:00',
    '2026-03-01T10:00:00-00:00',
    '2026-03-01T10:00:00',
    '2026-03-01',
    '2026-03-01 10:00:00Z',
    '2026-03-01T10:00:00z',
    '2026-02-30T10:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T10:00:60Z',
    '1772359200000',
  ])('requestedAt %p is refused', (time) => {
    expect(refused((m) => (m.requestedAt = time))).toEqual([
      'requestedAt: must be an ISO-8601 UTC timestamp ending in Z or +00:00',
    ]);
  });

  it.each(['2026-03-01T10:00:00+00:00', '2026-03-01T10:00:00.123456Z', '2024-02-29T23:59:59Z'])(
    'requestedAt %p is accepted',
    (time) => {
      expect(accepted((m) => (m.requestedAt = time))).toBe(true);
    },
  );

  it.each([[[]], ['text'], [7], [true]])('data %p is not an object', (data) => {
    expect(refused((m) => (m.data = data))).toEqual(['data: must be a JSON object']);
  });

  it('data may be empty', () => {
    expect(accepted((m) => (m.data = {}))).toBe(true);
  });

  it.each([[[{ kind: 'subpoena', reference: 'x' }]], ['subpoena'], [1]])(
    'legalBasis %p is not an object',
    (legalBasis) => {
      expect(refused((m) => (m.legalBasis = legalBasis))).toEqual([
        'legalBasis: must be an object',
      ]);
    },
  );

  it.each(['[]', '"text"', 'null', '42', 'true'])('root %s is not an object', (json) => {
    expect(parseShareRequest(json)).toEqual({
      ok: false,
      code: 'INVALID_MESSAGE',
      errors: ['(root): must be a JSON object'],
    });
  });
});

describe('ShareRequest: every violation is listed', () => {
  it('lists all of them, each once, in a failure that carries no value', () => {
    const result = parseShareRequest(
      variant(SHARE_REQUEST_JSON, (m) => {
        delete m.requestId;
        m.requestedAt = 'yesterday';
        m.producer = '';
        m.note = 'x';
        m.legalBasis.kind = 3;
        m.data = null;
      }),
    );
    expect(result).toEqual({
      ok: false,
      code: 'INVALID_MESSAGE',
      errors: [
        'note: unknown property',
        'requestId: is required',
        'requestedAt: must be an ISO-8601 UTC timestamp ending in Z or +00:00',
        'producer: must be a string of 1..64 characters',
        'legalBasis.kind: must be a string of 1..64 characters',
        'data: must not be null',
      ],
    });
    expect(result).not.toHaveProperty('value');
  });
});

describe('validateShareRequest (already-parsed objects)', () => {
  it('accepts the example and returns it as is', () => {
    const message = example(SHARE_REQUEST_JSON);
    const result = validateShareRequest(message);
    expect(result.ok && result.value).toBe(message);
  });

  it('applies the same contract', () => {
    const message = example(SHARE_REQUEST_JSON);
    message.extra = true;
    expect(errorsOf(validateShareRequest(message))).toEqual(['extra: unknown property']);
  });

  it.each([
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['undefined', undefined],
    ['a function', () => 1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a BigInt', BigInt(1)],
    ['a class instance', new (class Grade {})()],
  ])('refuses %s inside data, which JSON cannot carry', (_name, value) => {
    const message = example(SHARE_REQUEST_JSON);
    message.data.grades[0].score = value;
    expect(errorsOf(validateShareRequest(message))).toEqual(['data.grades: not a JSON value']);
  });

  it('refuses a hole in an array', () => {
    const message = example(SHARE_REQUEST_JSON);
    message.data.list = [1, , 3]; // eslint-disable-line no-sparse-arrays
    expect(errorsOf(validateShareRequest(message))).toEqual(['data.list: not a JSON value']);
  });

  it('refuses a non-object', () => {
    expect(errorsOf(validateShareRequest([]))).toEqual(['(root): must be a JSON object']);
    expect(errorsOf(validateShareRequest(null))).toEqual(['(root): must be a JSON object']);
  });
});
