import type { Request } from 'express';

/**
 * Whether a form post came from another origin. The session cookie is SameSite=Strict
 * already; refusing a foreign `Origin` is the second lock on every state-changing form
 * (acknowledging an alert, logging in, logging out). A request without `Origin` (a non-browser
 * client, which holds the token or cookie itself) is not a cross-site form.
 */
export function isCrossOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && origin !== `${req.protocol}://${req.headers.host}`;
}
