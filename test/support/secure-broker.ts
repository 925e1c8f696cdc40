import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { run as runCli } from '../../apps/cli/src/program';

const exec = promisify(execFile);
const scripts = resolve(__dirname, '../../scripts/kafka');

/** What a CLI run printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines. */
  lines: Record<string, unknown>[];
}

/**
 * A broker of its own in secured mode (`start.sh --secure`): SASL/SCRAM-SHA-512, the KRaft
 * StandardAuthorizer, deny by default. The shared test broker is unsecured, so security tests
 * start this one (it dies with the test process through start.sh's watchdog).
 */
export class SecureBroker {
  private constructor(
    readonly brokers: string,
    readonly dir: string,
    /** What start.sh printed on stdout and stderr (checked for secrets). */
    readonly startOutput: string,
  ) {}

  /** Starts a secured broker in a fresh temporary directory. */
  static async start(): Promise<SecureBroker> {
    const dir = mkdtempSync(join(tmpdir(), 'onward-secure-kafka-'));
    const { stdout, stderr } = await exec(
      'bash',
      [join(scripts, 'start.sh'), '--dir', dir, '--owner', String(process.pid), '--secure'],
      { maxBuffer: 1 << 20 },
    );
    const brokers = stdout.trim().split('\n').pop() ?? '';
    return new SecureBroker(brokers, dir, `${stdout}\n${stderr}`);
  }

  /** The super-user's name and password file (as start.sh wrote them). */
  get adminPasswordFile(): string {
    return join(this.dir, 'secure', 'admin.password');
  }

  /** Environment of an `onward access` run as the super-user, for topic prefix `prefix`. */
  adminEnv(prefix: string): Record<string, string> {
    return {
      KAFKA_BROKERS: this.brokers,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'admin',
      KAFKA_SASL_PASSWORD_FILE: this.adminPasswordFile,
      ONWARD_TOPIC_PREFIX: prefix,
    };
  }

  /** A kafkajs client authenticated as `username`; quiet, no retries (refusals are final). */
  clientAs(username: string, password: string, config: Partial<KafkaConfig> = {}): Kafka {
    return new Kafka({
      clientId: `onward-test-${username}`,
      brokers: [this.brokers],
      sasl: { mechanism: 'scram-sha-512', username, password },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 3000,
      ...config,
    });
  }

  /** A client for a user whose password file is in `secretsDir` (written by `onward access`). */
  clientOf(secretsDir: string, username: string, config: Partial<KafkaConfig> = {}): Kafka {
    const password = readFileSync(join(secretsDir, `${username}.password`), 'utf8').trim();
    return this.clientAs(username, password, config);
  }

  /** The super-user's client. */
  admin(config: Partial<KafkaConfig> = {}): Kafka {
    return this.clientAs('admin', readFileSync(this.adminPasswordFile, 'utf8').trim(), config);
  }

  /** Runs `onward access …` in this process, as the super-user of this broker. */
  async access(prefix: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (b: Buffer) => (out += b.toString()));
    stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await runCli(['access', ...args], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...this.adminEnv(prefix), ...env },
    });
    const lines = out
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { code, stdout: out, stderr: err, lines };
  }

  /** Stops the broker and deletes its directory (data, logs and secrets). */
  async stop(): Promise<void> {
    await exec('bash', [join(scripts, 'stop.sh'), '--dir', this.dir]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
