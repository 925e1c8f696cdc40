import type { Response } from 'express';

/** Sends a server-rendered page with headers that keep it inert and uncached. */
export function sendPage(res: Response, status: number, body: string): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  // No scripts, no external resources, forms only to ourselves, never framed.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on our
  // own form posts, and the Origin check of state-changing forms could not tell them apart.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

/** Query parameters as plain strings (repeated or nested ones are dropped). */
export function stringQuery(query: Record<string, unknown>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(query).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
