import { isCalendarDate, isUtcTimestamp } from '@app/contracts';

/** Raw query parameters as Express parses them. */
export type RawQuery = Record<string, unknown>;

/**
 * Reads query parameters, collecting one message per bad parameter (names and rules, never
 * the value) so that a 400 lists everything wrong at once.
 */
export class QueryReader {
  readonly errors: string[] = [];

  constructor(private readonly query: RawQuery) {}

  /** An optional string of 1..max characters. */
  text(name: string, max = 256): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || value.length > max) {
      this.errors.push(`${name}: must be one string of at most ${max} characters`);
      return undefined;
    }
    return value;
  }

  /** A required string. */
  requiredText(name: string, max = 256): string | undefined {
    const value = this.text(name, max);
    if (value === undefined && !this.errors.some((e) => e.startsWith(`${name}:`))) {
      this.errors.push(`${name}: is required`);
    }
    return value;
  }

  /** An optional value from a closed list. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value === undefined || (allowed as readonly string[]).includes(value)) {
      return value as T | undefined;
    }
    this.errors.push(`${name}: must be one of ${allowed.join(', ')}`);
    return undefined;
  }

  /** An optional instant: `YYYY-MM-DD` (midnight UTC) or an ISO-8601 UTC timestamp; epoch ms. */
  instant(name: string): number | undefined {
    const value = this.text(name, 40);
    if (value === undefined) return undefined;
    if (isCalendarDate(value)) return Date.parse(`${value}T00:00:00Z`);
    if (isUtcTimestamp(value)) return Date.parse(value);
    this.errors.push(`${name}: must be YYYY-MM-DD or an ISO-8601 UTC time`);
    return undefined;
  }

  /** An optional integer in [min, max]. */
  integer(name: string, min: number, max: number): number | undefined {
    const value = this.text(name, 20);
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max) return Number(value);
    this.errors.push(`${name}: must be an integer from ${min} to ${max}`);
    return undefined;
  }
}

/** A parsed query, or every reason it is bad. */
export type ParsedQuery<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Finishes a parse: the value when no parameter was bad. */
export function finish<T>(reader: QueryReader, value: () => T): ParsedQuery<T> {
  if (reader.errors.length > 0) return { ok: false, errors: reader.errors };
  return { ok: true, value: value() };
}
