import type { Request } from 'express';
import { SessionStore } from './session.store';

/** Name of the page's session cookie. */
export const SESSION_COOKIE = 'onward_auditor_session';

/** The session id the request carries, if any. */
export function sessionIdOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** The Set-Cookie value opening (`id`) or clearing (null) the session. */
export function sessionCookie(id: string | null, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${id ?? ''}`,
    'Path=/ui',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${id === null ? 0 : SessionStore.ttlSeconds}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
