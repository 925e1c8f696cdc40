import type { PolicyFileIssue } from '../errors';

/** A YAML mapping being validated. */
export type Mapping = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The path of a child entry: `matrix[3]`, `transfer.eea`, `dictionary["odd key"]`. */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Collects every problem of a document while reading it, so one run names them all.
 * Each reader returns undefined for a bad entry after recording why.
 */
export class DocumentReader {
  /** Problems found so far, in reading order. */
  readonly issues: PolicyFileIssue[] = [];

  /** Records a problem; returns undefined so callers can `return reader.fail(...)`. */
  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  /** A mapping whose keys are exactly `required` plus any of `optional`. */
  object(
    value: unknown,
    path: string,
    required: readonly string[],
    optional: readonly string[] = [],
  ): Mapping | undefined {
    const map = this.map(value, path);
    if (map === undefined) return undefined;
    for (const key of required) {
      if (!Object.hasOwn(map, key)) this.fail(child(path, key), 'is required');
    }
    for (const key of Object.keys(map)) {
      if (!required.includes(key) && !optional.includes(key)) {
        this.fail(child(path, key), 'is not a known key');
      }
    }
    return map;
  }

  /** A mapping with any keys. */
  map(value: unknown, path: string): Mapping | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(path, 'must be a mapping');
    }
    return value as Mapping;
  }

  /** A string matching `pattern` (described by `shape` in the message). */
  string(value: unknown, path: string, pattern?: RegExp, shape?: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      return this.fail(path, 'must be a non-empty string');
    }
    if (pattern && !pattern.test(value)) {
      return this.fail(path, `${JSON.stringify(value)} is not ${shape ?? `like ${pattern}`}`);
    }
    return value;
  }

  /** An optional string: absent is fine. */
  optionalString(value: unknown, path: string): void {
    if (value !== undefined) this.string(value, path);
  }

  /** An optional boolean flag. */
  flag(value: unknown, path: string): boolean {
    if (value === undefined) return false;
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be true or false');
      return false;
    }
    return value;
  }

  /** A sequence (non-empty unless `allowEmpty`). */
  list(value: unknown, path: string, allowEmpty = false): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, 'must be a sequence');
    if (!allowEmpty && value.length === 0) return this.fail(path, 'must not be empty');
    return value;
  }

  /** A sequence of distinct strings, each matching `pattern`; returns the good ones. */
  strings(
    value: unknown,
    path: string,
    pattern: RegExp,
    shape: string,
    allowEmpty = false,
  ): string[] {
    const items = this.list(value, path, allowEmpty) ?? [];
    const good: string[] = [];
    items.forEach((item, i) => {
      const s = this.string(item, child(path, i), pattern, shape);
      if (s === undefined) return;
      if (good.includes(s)) this.fail(child(path, i), `${JSON.stringify(s)} is listed twice`);
      else good.push(s);
    });
    return good;
  }

  /** A calendar date 'YYYY-MM-DD' as epoch milliseconds of 00:00 UTC. */
  date(value: unknown, path: string): number | undefined {
    const m = typeof value === 'string' ? DATE.exec(value) : null;
    if (m === null) return this.fail(path, "must be a date 'YYYY-MM-DD' (quote it)");
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const at = Date.UTC(y, mo - 1, d);
    const back = new Date(at);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
      return this.fail(path, `${JSON.stringify(value)} is not a calendar date`);
    }
    return at;
  }

  /** An optional date; absent gives `absent`. */
  optionalDate(value: unknown, path: string, absent: number): number | undefined {
    return value === undefined ? absent : this.date(value, path);
  }
}
