/**
 * Structural safety checks over an already-parsed JSON value, run on every message before the
 * schema sees it, including inside `data` whose contents the schema does not look at. They
 * protect everything downstream (class-transformer, the policy engine, plain `obj[key]`
 * lookups) from prototype pollution, runaway nesting and values JSON cannot carry.
 */
import { type PathSegment, pathError, redactPayloadPath } from './property-path';

/**
 * Keys refused anywhere in a message. `JSON.parse` turns `"__proto__"` into an own property,
 * which later spreads or `Object.assign` would treat as a prototype; the other two are the
 * usual gadgets of prototype-pollution chains. No field of the contract uses them.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

// A lone UTF-16 surrogate cannot be encoded as UTF-8, so a value holding one could not be
// re-serialised faithfully (and RFC 8785 refuses it): it is refused on the way in.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A plain object: its prototype is null or a root prototype. Comparing with this realm's
 * `Object.prototype` would refuse plain objects made in another realm (`structuredClone` in a
 * vm context, a worker), while class instances, Dates and Maps are still refused.
 */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

class Walker {
  readonly errors = new Set<string>();

  constructor(private readonly maxDepth: number) {}

  walk(value: unknown, path: PathSegment[], depth: number): void {
    switch (typeof value) {
      case 'string':
        if (LONE_SURROGATE.test(value)) this.fail(path, 'string is not valid Unicode');
        return;
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(value)) this.fail(path, 'not a JSON value');
        return;
      case 'object':
        if (value === null) return;
        if (depth > this.maxDepth) return this.fail(path, `nesting deeper than ${this.maxDepth}`);
        if (Array.isArray(value)) return this.walkArray(value, path, depth);
        if (!isPlainObject(value)) return this.fail(path, 'not a JSON value');
        return this.walkObject(value as Record<string, unknown>, path, depth);
      default:
        this.fail(path, 'not a JSON value');
    }
  }

  private walkArray(items: unknown[], path: PathSegment[], depth: number): void {
    // A for loop (not forEach) so that holes of a sparse array are seen as undefined.
    for (let i = 0; i < items.length; i++) this.walk(items[i], [...path, i], depth + 1);
  }

  private walkObject(object: Record<string, unknown>, path: PathSegment[], depth: number): void {
    for (const key of Object.keys(object)) {
      const keyPath = [...path, key];
      if (FORBIDDEN_KEYS.has(key)) {
        // Deep inside `data` the path stops short of the key, so the message names it.
        const shown = redactPayloadPath(keyPath).length === keyPath.length;
        this.fail(keyPath, shown ? 'forbidden key' : `contains forbidden key "${key}"`);
        continue;
      }
      if (LONE_SURROGATE.test(key)) this.fail(path, 'key is not valid Unicode');
      this.walk(object[key], keyPath, depth + 1);
    }
  }

  private fail(path: readonly PathSegment[], problem: string): void {
    this.errors.add(pathError(path, problem));
  }
}

/**
 * Lists every structural violation of `value`: forbidden keys, nesting deeper than `maxDepth`
 * (root object = level 1), lone surrogates, and anything that is not a JSON value (`undefined`,
 * functions, non-finite numbers, class instances). Duplicates collapse because paths below
 * `data` are shortened. An empty list means the value is plain JSON, safe to stringify.
 */
export function checkJsonStructure(value: unknown, maxDepth: number): string[] {
  const walker = new Walker(maxDepth);
  walker.walk(value, [], 1);
  return [...walker.errors];
}
