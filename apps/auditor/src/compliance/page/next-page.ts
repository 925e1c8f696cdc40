/** Where a sign-in goes when it has nowhere better to go. */
export const DEFAULT_PAGE = '/ui';

const LOGIN_PAGE = '/ui/login';
const MAX_NEXT_LENGTH = 2048;

/**
 * The page to return to after signing in, taken from a `next` parameter only when it is one
 * of our own pages: a path below /ui (never another origin, `//host`, a backslash trick or
 * the login page itself), else {@link DEFAULT_PAGE}. An open redirect would let a link to the
 * sign-in page send an auditor anywhere.
 */
export function safeNextPage(next: unknown): string {
  if (typeof next !== 'string' || next.length > MAX_NEXT_LENGTH) return DEFAULT_PAGE;
  if (!/^\/ui(?:[/?]|$)/.test(next) || /[\\\s]|\/\//.test(next)) return DEFAULT_PAGE;
  if (next === LOGIN_PAGE || next.startsWith(`${LOGIN_PAGE}?`)) return DEFAULT_PAGE;
  return next;
}

/** The sign-in page's address that comes back to `page` afterwards. */
export function loginPageFor(page: string): string {
  const next = safeNextPage(page);
  return next === DEFAULT_PAGE ? LOGIN_PAGE : `${LOGIN_PAGE}?next=${encodeURIComponent(next)}`;
}
