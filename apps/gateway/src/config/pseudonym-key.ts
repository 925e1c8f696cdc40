import { readFileSync } from 'node:fs';
import type { GatewayEnv } from './gateway-env';

/**
 * The research pseudonym key, from a file (preferred) or the environment; never from the
 * policy file and never logged. Without one the gateway refuses to start rather than
 * pseudonymise with a guessable key.
 */
export function readPseudonymKey(env: GatewayEnv): Buffer {
  const text = env.ONWARD_PSEUDONYM_KEY_FILE
    ? readFileSync(env.ONWARD_PSEUDONYM_KEY_FILE, 'utf8').trim()
    : env.ONWARD_PSEUDONYM_KEY;
  if (!text || text.length < 16) {
    throw new Error(
      'ONWARD_PSEUDONYM_KEY_FILE or ONWARD_PSEUDONYM_KEY: a pseudonym key of at least 16 characters is required',
    );
  }
  return Buffer.from(text, 'utf8');
}
