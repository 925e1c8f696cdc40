import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Holds the compliance token and compares candidates in constant time. Both sides are hashed
 * first, so neither the content nor the length of the token leaks through timing.
 */
export class AccessToken {
  private readonly expected: Buffer | null;

  constructor(token: string | null) {
    this.expected = token === null ? null : digest(token);
  }

  /** Whether a token is configured at all (none: nothing is ever accepted). */
  isConfigured(): boolean {
    return this.expected !== null;
  }

  /** Whether `candidate` is the token. */
  matches(candidate: string | undefined | null): boolean {
    if (this.expected === null || typeof candidate !== 'string' || candidate === '') return false;
    return timingSafeEqual(digest(candidate), this.expected);
  }
}
