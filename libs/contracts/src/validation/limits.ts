/** Safety limits applied to every message before its schema is checked. */
import { ROOT_PATH } from './property-path';

/** Limits for parsing and validating one message; every field is optional. */
export interface ParseLimits {
  /** Largest accepted input, in bytes of UTF-8, measured before parsing. Default 1 MiB. */
  maxBytes?: number;
  /**
   * Deepest accepted nesting of objects and arrays, the root object being level 1, counted
   * everywhere including inside `data`. Default 32.
   */
  maxDepth?: number;
  /**
   * Most error lines returned; a final line says how many more were found. Keeps DLQ headers
   * and log lines bounded when a hostile message carries thousands of violations. Default 100.
   */
  maxErrors?: number;
}

/** The defaults: 1 MiB, depth 32, 100 error lines. */
export const DEFAULT_PARSE_LIMITS: Readonly<Required<ParseLimits>> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxDepth: 32,
  maxErrors: 100,
});

/**
 * Fills in defaults. A limit that is not a positive integer is a programming or configuration
 * error, so it throws rather than silently disabling a safety check.
 */
export function resolveLimits(limits: ParseLimits = {}): Required<ParseLimits> {
  const resolved = { ...DEFAULT_PARSE_LIMITS };
  for (const key of Object.keys(resolved) as (keyof ParseLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`ParseLimits.${key} must be a positive integer`);
    }
    resolved[key] = value;
  }
  return resolved;
}

/** Trims an error list to `maxErrors` lines, the last one counting what was left out. */
export function capErrors(errors: string[], maxErrors: number): string[] {
  if (errors.length <= maxErrors) return errors;
  const kept = errors.slice(0, Math.max(maxErrors - 1, 0));
  kept.push(`${ROOT_PATH}: ${errors.length - kept.length} more violations not listed`);
  return kept;
}
