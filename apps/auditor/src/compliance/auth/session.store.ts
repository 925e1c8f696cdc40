import { createHash, randomBytes } from 'node:crypto';

const TTL_MS = 8 * 60 * 60 * 1000;
const MAX_SESSIONS = 1000;

const idDigest = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');

/**
 * Sessions of the reviewers' page, in memory: a random id in an HttpOnly cookie instead of
 * the token itself, so the token is typed once and never stored in the browser. A restart
 * logs everyone out, which is acceptable for an internal tool. Only digests of ids are kept.
 */
export class SessionStore {
  private readonly sessions = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Opens a session and returns its id (for the cookie). */
  open(): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(idDigest(id), this.now() + TTL_MS);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return id;
  }

  /** Whether `id` names a live session. */
  isValid(id: string | undefined): boolean {
    if (!id) return false;
    const key = idDigest(id);
    const expires = this.sessions.get(key);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.sessions.delete(key);
    return false;
  }

  /** Ends the session `id`, if any. */
  close(id: string | undefined): void {
    if (id) this.sessions.delete(idDigest(id));
  }

  /** How long a session lasts, for the cookie's Max-Age. */
  static readonly ttlSeconds = TTL_MS / 1000;
}
