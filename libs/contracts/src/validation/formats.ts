/**
 * Pure format predicates of the wire contract (DESIGN §3). They are plain functions so
 * that the message schemas, the audit chain and other libraries check formats the same way.
 */

const UTC_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|\+00:00)$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;
// DESIGN §3 allows a country, or a US state in ISO 3166-2 form ("US-CA"); the policy only
// distinguishes US states (California Shine the Light), so other subdivisions are not accepted.
const RESIDENCE = /^(?:[A-Z]{2}|US-[A-Z]{2})$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const DERIVED_ID = /^(?:sh|ev|nt)-[a-z2-7]{26}$/;

/** The prefixes of derived ids: shares, audit events, subject notices. */
export type DerivedIdPrefix = 'sh' | 'ev' | 'nt';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when year-month-day names a day of the proleptic Gregorian calendar (years 1..9999). */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const max = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= max;
}

/**
 * True for an ISO-8601 UTC date-time: `YYYY-MM-DDTHH:MM:SS[.fraction]` ending in `Z` or `+00:00`.
 * Other offsets are rejected rather than converted: every time on the wire is compared as UTC
 * and a producer sending local time has a bug worth surfacing. Leap seconds (`:60`) are
 * rejected because `Date.parse` cannot represent them.
 */
export function isUtcTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = UTC_TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  return isRealDay(year, month, day) && hour <= 23 && minute <= 59 && second <= 59;
}

/** True for a `YYYY-MM-DD` string that is a real calendar date (so `2023-02-29` is false). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CALENDAR_DATE.exec(value);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * True for an ISO 3166-1 alpha-2 shaped code: two upper-case ASCII letters. Whether the code
 * is assigned is the policy's business (its country lists), not the wire format's.
 */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && COUNTRY_CODE.test(value);
}

/** True for a subject residence: a country code (`DE`) or a US state (`US-CA`). */
export function isResidence(value: unknown): value is string {
  return typeof value === 'string' && RESIDENCE.test(value);
}

/** True for `sha256:` followed by 64 lower-case hex digits, the one digest format on the wire. */
export function isSha256Digest(value: unknown): value is string {
  return typeof value === 'string' && SHA256_DIGEST.test(value);
}

/** True for an id made by `shareIdFor` / `eventIdFor` / `noticeIdFor` with the given prefix. */
export function isDerivedId(value: unknown, prefix: DerivedIdPrefix): value is string {
  return typeof value === 'string' && DERIVED_ID.test(value) && value.startsWith(`${prefix}-`);
}
