import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigurationError } from './configuration.error';

/**
 * A public, clearly-labelled development key, used only with `--dev-key`. Pseudonyms made with
 * it are re-identifiable by anyone who reads this file: never use it on real data.
 */
export const DEV_PSEUDONYM_KEY = 'onward-DEVELOPMENT-ONLY-pseudonym-key-not-secret';

/** Where a key may come from, in order of precedence. */
export interface KeyOptions {
  pseudonymKey?: string;
  devKey?: boolean;
}

const MIN_LENGTH = 16;

/**
 * The research pseudonymisation key, as the gateway reads it (UTF-8 bytes, at least 16
 * characters): `--pseudonym-key`, else ONWARD_PSEUDONYM_KEY_FILE, else ONWARD_PSEUDONYM_KEY,
 * else the public development key with `--dev-key`. Otherwise a usage error: the CLI never
 * pseudonymises with a key nobody chose.
 */
export function resolvePseudonymKey(
  options: KeyOptions,
  env: Record<string, string | undefined>,
): Buffer {
  const text =
    options.pseudonymKey ??
    (env.ONWARD_PSEUDONYM_KEY_FILE ? readKeyFile(env.ONWARD_PSEUDONYM_KEY_FILE) : undefined) ??
    env.ONWARD_PSEUDONYM_KEY ??
    (options.devKey ? DEV_PSEUDONYM_KEY : undefined);
  if (text === undefined || text === '') {
    throw new ConfigurationError(
      'no pseudonym key: set ONWARD_PSEUDONYM_KEY (or ONWARD_PSEUDONYM_KEY_FILE), pass ' +
        '--pseudonym-key, or --dev-key for a public development key (never on real data)',
    );
  }
  if (text.length < MIN_LENGTH) {
    throw new ConfigurationError(`the pseudonym key must have at least ${MIN_LENGTH} characters`);
  }
  return Buffer.from(text, 'utf8');
}

/** A throwaway key for commands whose output never shows a pseudonym (simulate). */
export function ephemeralKey(): Buffer {
  return randomBytes(32);
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(`cannot read ONWARD_PSEUDONYM_KEY_FILE (${code})`, { cause });
  }
}
