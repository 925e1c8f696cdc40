import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type KafkaEnv, OnwardError, saslFromEnv, type SASLOptions } from '@app/runtime';
import { DEFAULT_TOPIC_PREFIX } from '@app/contracts';

/** A demo run that cannot go on: printed as one line, exit code 1. */
export class DemoError extends OnwardError {
  override readonly name = 'DemoError';
}

/** Where the demo finds the deployment `npm start` runs. */
export interface DemoSettings {
  brokers: string[];
  prefix: string;
  auditorUrl: string;
  /** The auditor's bearer token, when one could be found. */
  token: string | null;
  /** Where the token is, for the newcomer: an env variable's name or a file path. */
  tokenSource: string | null;
  sasl?: SASLOptions;
}

type Env = Record<string, string | undefined>;

function readTrimmed(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

// A path as a newcomer would type it: relative when under the working directory.
function shown(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * Settings from the environment, falling back to the files `npm start` leaves in its home
 * (ONWARD_HOME, default `.onward/` under `cwd`): the local broker's bootstrap address and the
 * development auditor token.
 */
export function demoSettings(env: Env, cwd: string): DemoSettings {
  const home = env.ONWARD_HOME ?? join(cwd, '.onward');
  const bootstrapFile = join(env.ONWARD_BROKER_DIR ?? join(home, 'kafka'), 'bootstrap');
  const brokers = env.KAFKA_BROKERS ?? readTrimmed(bootstrapFile);
  if (!brokers) {
    throw new DemoError(
      `no broker: KAFKA_BROKERS is not set and ${shown(cwd, bootstrapFile)} does not exist: is \`npm start\` running?`,
    );
  }
  const port = env.AUDITOR_HTTP_PORT ?? '8081';
  const tokenFile = env.AUDITOR_TOKEN_FILE ?? join(home, 'auditor.token');
  const fileToken = env.AUDITOR_TOKEN ? null : readTrimmed(tokenFile);
  return {
    brokers: brokers.split(','),
    prefix: env.ONWARD_TOPIC_PREFIX ?? DEFAULT_TOPIC_PREFIX,
    auditorUrl: (env.AUDITOR_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    token: env.AUDITOR_TOKEN ?? fileToken,
    tokenSource: env.AUDITOR_TOKEN ? 'AUDITOR_TOKEN' : fileToken ? shown(cwd, tokenFile) : null,
    sasl: saslFromEnv(env as Partial<KafkaEnv>),
  };
}
