import {
  isCalendarDate,
  isCountryCode,
  isDerivedId,
  isResidence,
  isSha256Digest,
  isUtcTimestamp,
} from '@app/contracts';

describe('isUtcTimestamp', () => {
  const VALID = [
    '2026-03-01T10:00:00Z',
    '2026-03-01T10:00:00+00:00',
    '2026-03-01T10:00:00.1Z',
    '2026-03-01T10:00:00.123456789Z',
    '2024-02-29T23:59:59Z',
    '0001-01-01T00:00:00Z',
  ];

  it.each(VALID)('accepts %p, which Date.parse reads as the same instant', (value) => {
    expect(isUtcTimestamp(value)).toBe(true);
    expect(Number.isFinite(Date.parse(value))).toBe(true);
  });

  it('reads +00:00 and Z as the same instant', () => {
    expect(Date.parse('2026-03-01T10:00:00+00:00')).toBe(Date.parse('2026-03-01T10:00:00Z'));
  });

  it.each([
    '2026-03-01T10:00:00+01:00',
    '2026-03-01T10:00:00-00:00',
    '2026-03-01T10:00:00',
    '2026-03-01T10:00Z',
    '2026-03-01T10:00:00.Z',
    '2026-03-01T10:00:00.1234567890Z',
    '2023-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-03-01T10:60:00Z',
    '2026-03-01T10:00:00ZZ',
    ' 2026-03-01T10:00:00Z',
    '+002026-03-01T10:00:00Z',
  ])('refuses %p', (value) => {
    expect(isUtcTimestamp(value)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isUtcTimestamp(Date.parse('2026-03-01T10:00:00Z'))).toBe(false);
    expect(isUtcTimestamp(new Date())).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it('knows leap years', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });

  it('knows month lengths', () => {
    expect(isCalendarDate('2023-01-31')).toBe(true);
    expect(isCalendarDate('2023-06-31')).toBe(false);
    expect(isCalendarDate('2023-00-10')).toBe(false);
    expect(isCalendarDate('2023-01-00')).toBe(false);
  });
});

describe('codes and digests', () => {
  it('country codes are two upper-case letters', () => {
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('de')).toBe(false);
    expect(isCountryCode('DEU')).toBe(false);
  });

  it('residences are countries or US states', () => {
    expect(isResidence('US-CA')).toBe(true);
    expect(isResidence('CH')).toBe(true);
    expect(isResidence('DE-BY')).toBe(false);
  });

  it('digests are sha256: and 64 lower-case hex digits', () => {
    expect(isSha256Digest(`sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isSha256Digest(`sha256:${'A'.repeat(64)}`)).toBe(false);
    expect(isSha256Digest(`sha256:${'a'.repeat(63)}`)).toBe(false);
  });

  it('derived ids carry their own prefix', () => {
    const id = `sh-${'a'.repeat(26)}`;
    expect(isDerivedId(id, 'sh')).toBe(true);
    expect(isDerivedId(id, 'ev')).toBe(false);
    expect(isDerivedId(`sh-${'1'.repeat(26)}`, 'sh')).toBe(false);
  });
});
