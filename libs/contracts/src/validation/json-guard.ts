/**
 * Structural safety checks over an already-parsed JSON value, run on every message before the
 * schema sees it, including inside `data` whose contents the schema does not look at. They
 * protect everything downstream (the policy engine, spreads, plain `obj[key]` lookups) from
 * prototype pollution, runaway nesting and values JSON cannot carry.
 */
import { PAYLOAD_PROPERTY, type PathSegment, pathError, redactPayloadPath } from './property-path';

/**
 * Keys refused anywhere in a message, `data` included. `JSON.parse` turns `"__proto__"` into an
 * own property, which later spreads or `Object.assign` would treat as a prototype.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);

/**
 * Keys refused outside `data` only. No property of the contract uses them, and an own
 * `constructor` would shadow the one code reading a message object expects to find.
 * Inside `data` they are ordinary field names (DESIGN §7: `UNCLASSIFIED_FIELD`), since the
 * engine looks fields up in a Map and copies only dictionary fields.
 */
const CONTRACT_FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['constructor', 'prototype']);

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

// One walker per check. The path is a single stack pushed and popped on the way down, and
// copied only when an error is recorded: this runs over every message, payload included.
class Walker {
  readonly errors = new Set<string>();
  private readonly path: PathSegment[] = [];

  constructor(private readonly maxDepth: number) {}

  walk(value: unknown, depth: number): void {
    switch (typeof value) {
      case 'string':
        if (LONE_SURROGATE.test(value)) this.fail('string is not valid Unicode');
        return;
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(value)) this.fail('not a JSON value');
        return;
      case 'object':
        if (value === null) return;
        if (depth > this.maxDepth) return this.fail(`nesting deeper than ${this.maxDepth}`);
        if (Array.isArray(value)) return this.walkArray(value, depth);
        if (!isPlainObject(value)) return this.fail('not a JSON value');
        return this.walkObject(value as Record<string, unknown>, depth);
      default:
        this.fail('not a JSON value');
    }
  }

  private walkArray(items: unknown[], depth: number): void {
    // A for loop (not forEach) so that holes of a sparse array are seen as undefined.
    for (let i = 0; i < items.length; i++) this.child(i, items[i], depth);
  }

  private walkObject(object: Record<string, unknown>, depth: number): void {
    const inPayload = this.path[0] === PAYLOAD_PROPERTY;
    for (const key of Object.keys(object)) {
      if (LONE_SURROGATE.test(key)) this.fail('key is not valid Unicode');
      if (!FORBIDDEN_KEYS.has(key) && (inPayload || !CONTRACT_FORBIDDEN_KEYS.has(key))) {
        this.child(key, object[key], depth);
        continue;
      }
      this.path.push(key);
      // Deep inside `data` the path stops short of the key, so the message names it.
      const shown = redactPayloadPath(this.path).length === this.path.length;
      this.fail(shown ? 'forbidden key' : `contains forbidden key "${key}"`);
      this.path.pop();
    }
  }

  private child(segment: PathSegment, value: unknown, depth: number): void {
    this.path.push(segment);
    this.walk(value, depth + 1);
    this.path.pop();
  }

  private fail(problem: string): void {
    this.errors.add(pathError(this.path, problem));
  }
}

/**
 * Lists every structural violation of `value`: forbidden keys (`__proto__` anywhere,
 * `constructor` and `prototype` outside `data`), nesting deeper than `maxDepth`
 * (root object = level 1), lone surrogates, and anything that is not a JSON value (`undefined`,
 * functions, non-finite numbers, class instances). Duplicates collapse because paths below
 * `data` are shortened. An empty list means the value is plain JSON, safe to stringify.
 */
export function checkJsonStructure(value: unknown, maxDepth: number): string[] {
  const walker = new Walker(maxDepth);
  walker.walk(value, 1);
  return [...walker.errors];
}
