/**
 * Instants are epoch milliseconds. Strings must be ISO-8601 with an explicit offset (or a bare
 * date, read as 00:00 UTC): Date.parse would read an offset-less date-time in local time, which
 * would make decisions depend on the host's time zone.
 */
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch milliseconds of an ISO-8601 instant, or NaN when it is not one. */
export function parseInstant(value: unknown): number {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return NaN;
  return Date.parse(value);
}

/** Epoch milliseconds of `now`, which may be a Date, an ISO-8601 string or epoch milliseconds. */
export function toInstant(now: Date | string | number): number {
  const at =
    now instanceof Date ? now.getTime() : typeof now === 'number' ? now : parseInstant(now);
  if (!Number.isFinite(at)) throw new TypeError('decide: `now` must be a valid instant');
  return at;
}

/** A half-open window of time: `from <= t < until` (unbounded sides are ±Infinity). */
export interface Window {
  readonly from: number;
  readonly until: number;
}

/** Whether `at` lies in the window. */
export function inWindow(window: Window, at: number): boolean {
  return window.from <= at && at < window.until;
}

/** A contract or certification as carried by a Recipient. */
interface Validity {
  validFrom: string;
  validUntil?: string | null;
}

/**
 * Whether a mechanism is valid at `at`: validFrom <= at < validUntil (absent/null = open-ended).
 * An unreadable date makes it invalid.
 */
export function validAt(mechanism: Validity, at: number): boolean {
  const from = parseInstant(mechanism.validFrom);
  if (!(from <= at)) return false;
  const until = mechanism.validUntil;
  if (until === undefined || until === null) return true;
  return at < parseInstant(until);
}
