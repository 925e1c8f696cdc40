/** A category name: dot-separated lower-case segments, at least two (`contact.email`). */
export const CATEGORY_NAME = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;

/** A category pattern: `*`, a prefix `course.*`, or an exact category name. */
export const CATEGORY_PATTERN =
  /^(?:\*|[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\.\*|[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)$/;

/** Whether a (valid) category pattern matches a category. Used when compiling, never per request. */
export function patternMatches(pattern: string, category: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return category.startsWith(pattern.slice(0, -1));
  return category === pattern;
}

/** The categories among `categories` matched by some of `include` and none of `exclude`. */
export function expandPatterns(
  include: readonly string[],
  exclude: readonly string[],
  categories: Iterable<string>,
): Set<string> {
  const matched = new Set<string>();
  for (const category of categories) {
    const hit = (p: string) => patternMatches(p, category);
    if (include.some(hit) && !exclude.some(hit)) matched.add(category);
  }
  return matched;
}
