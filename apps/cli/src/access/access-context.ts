import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type Admin,
  createKafka,
  InvalidEnvironmentError,
  type Kafka,
  KafkaEnv,
  validateEnv,
} from '@app/runtime';
import pino from 'pino';
import { CliUsageError, type CliIo } from '../cli-io';
import { ScramCredentials, type KafkaToolsOptions } from './scram-credentials';

/**
 * What every `onward access` command works with: an administrator's Kafka connection from the
 * environment (KAFKA_BROKERS, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and
 * KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD, ONWARD_TOPIC_PREFIX) and, for commands that
 * manage SCRAM users, the Kafka jars (ONWARD_KAFKA_LIBS, else this repo's `fetch.sh`) and Java.
 */
export class AccessContext {
  readonly env: KafkaEnv;
  readonly kafka: Kafka;
  private admin: Admin | undefined;

  constructor(private readonly io: CliIo) {
    try {
      this.env = validateEnv('onward access', KafkaEnv, io.env);
    } catch (error) {
      if (error instanceof InvalidEnvironmentError) throw new CliUsageError(error.message);
      throw error;
    }
    // kafkajs logs go to stderr (stdout carries the JSON lines), errors only.
    const logger = pino({ name: 'onward-access', level: 'error' }, io.stderr);
    this.kafka = createKafka(this.env, 'onward-access', logger);
  }

  /** The topic prefix of the deployment. */
  get prefix(): string {
    return this.env.ONWARD_TOPIC_PREFIX;
  }

  /** A connected admin client (one per command). */
  async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  /** The SCRAM user manager; fails when the admin connection has no SASL credentials. */
  scram(): ScramCredentials {
    const env = this.env;
    if (!env.KAFKA_SASL_MECHANISM || !env.KAFKA_SASL_USERNAME) {
      throw new CliUsageError(
        'managing users needs the administrator: set KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE',
      );
    }
    const password = env.KAFKA_SASL_PASSWORD_FILE
      ? readFileSync(env.KAFKA_SASL_PASSWORD_FILE, 'utf8').trim()
      : (env.KAFKA_SASL_PASSWORD ?? '');
    const scripts = findScripts();
    const options: KafkaToolsOptions = {
      libsDir: this.io.env.ONWARD_KAFKA_LIBS ?? kafkaLibs(scripts, this.io.env),
      java: this.io.env.JAVA_HOME ? join(this.io.env.JAVA_HOME, 'bin', 'java') : 'java',
      log4j: scripts ? join(scripts, 'secure', 'tools-log4j.properties') : '/dev/null',
      log4j2: scripts ? join(scripts, 'secure', 'tools-log4j2.properties') : '/dev/null',
      bootstrap: env.KAFKA_BROKERS,
      admin: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password },
    };
    return new ScramCredentials(options);
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }
}

/** `scripts/kafka` of this repository, found upwards from this file (src or dist). */
function findScripts(): string | null {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'scripts', 'kafka');
    if (existsSync(join(candidate, 'fetch.sh'))) return candidate;
  }
  return null;
}

function kafkaLibs(scripts: string | null, env: CliIo['env']): string {
  if (!scripts) {
    throw new CliUsageError('set ONWARD_KAFKA_LIBS to the directory of the Kafka jars');
  }
  // fetch.sh prints the cached jar directory (and fetches the jars once, on first use).
  const out = execFileSync('bash', [join(scripts, 'fetch.sh')], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop() ?? '';
}
