import { readFileSync } from 'node:fs';
import type { AuditorEnv } from './auditor-env';

const MIN_LENGTH = 16;

/**
 * The compliance token from AUDITOR_TOKEN or AUDITOR_TOKEN_FILE, or null when neither is set.
 * Errors name the variable, never the value.
 */
export function readAccessToken(env: AuditorEnv): string | null {
  if (env.AUDITOR_TOKEN !== undefined && env.AUDITOR_TOKEN_FILE !== undefined) {
    throw new Error('set AUDITOR_TOKEN or AUDITOR_TOKEN_FILE, not both');
  }
  if (env.AUDITOR_TOKEN_FILE === undefined) return env.AUDITOR_TOKEN ?? null;
  let token: string;
  try {
    token = readFileSync(env.AUDITOR_TOKEN_FILE, 'utf8').trim();
  } catch {
    throw new Error('AUDITOR_TOKEN_FILE: cannot be read');
  }
  if (token.length < MIN_LENGTH || /\s/.test(token)) {
    throw new Error(`AUDITOR_TOKEN_FILE: must hold one token of at least ${MIN_LENGTH} characters`);
  }
  return token;
}
