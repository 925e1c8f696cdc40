import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OnwardError } from '@app/runtime';

/**
 * SCRAM users, managed with the broker's own `kafka.admin.ConfigCommand` from the Kafka jars
 * (kafkajs has no API for SCRAM credentials). Secrets reach the tool in files of a private
 * temporary directory (mode 700, files 600), never on its command line, and the tool's output
 * is shown only with every secret cut out.
 */

/** The SASL mechanism of partner and service credentials: the only one the listener enables. */
export const SCRAM_MECHANISM = 'SCRAM-SHA-512';

/** How to run the tool and reach the broker as an administrator. */
export interface KafkaToolsOptions {
  /** Directory of the Kafka jars (`scripts/kafka/fetch.sh` prints it). */
  libsDir: string;
  /** `java`, or `$JAVA_HOME/bin/java`. */
  java: string;
  /** Log configuration files that keep the tool quiet (reload4j for 3.x, Log4j 2 for 4.x). */
  log4j: string;
  log4j2: string;
  bootstrap: string;
  admin: {
    mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
    username: string;
    password: string;
  };
  /** Deadline of one tool run. */
  timeoutMs?: number;
}

/** The tool failed; the message holds its exit status and redacted output. */
export class KafkaToolError extends OnwardError {
  override readonly name = 'KafkaToolError';
}

/** Passwords the tool is given must survive its `key=value,...` syntax and a JAAS string. */
export const PASSWORD_PATTERN = /^[A-Za-z0-9._~+/@%:-]{12,256}$/;

/** Creates or replaces, deletes and lists SCRAM users. */
export class ScramCredentials {
  constructor(private readonly options: KafkaToolsOptions) {}

  /** Sets `user`'s SCRAM-SHA-512 password (creates the user when new). */
  async upsert(user: string, password: string): Promise<void> {
    if (!PASSWORD_PATTERN.test(password)) {
      throw new KafkaToolError(`password of ${user} must be 12..256 of [A-Za-z0-9._~+/@%:-]`);
    }
    await this.run(
      ['--alter', '--add-config-file', '@ADD@', '--entity-type', 'users', '--entity-name', user],
      [password],
      `${SCRAM_MECHANISM}=password=${password}\n`,
    );
  }

  /** Deletes `user`'s SCRAM-SHA-512 credential; it can no longer authenticate. */
  async remove(user: string): Promise<void> {
    await this.run(
      [
        '--alter',
        '--delete-config',
        SCRAM_MECHANISM,
        '--entity-type',
        'users',
        '--entity-name',
        user,
      ],
      [],
    );
  }

  /** Every user with a SCRAM credential. */
  async users(): Promise<string[]> {
    const out = await this.run(['--describe', '--entity-type', 'users'], []);
    return [...out.matchAll(/user-principal '([^']+)'/g)].map((m) => m[1] as string).sort();
  }

  private async run(args: string[], secrets: string[], addConfig?: string): Promise<string> {
    const o = this.options;
    const all = [...secrets, o.admin.password];
    const dir = mkdtempSync(join(tmpdir(), 'onward-access-'));
    try {
      const commandConfig = join(dir, 'admin.properties');
      writeFileSync(commandConfig, adminProperties(o.admin), { mode: 0o600 });
      const addFile = join(dir, 'add.properties');
      if (addConfig !== undefined) writeFileSync(addFile, addConfig, { mode: 0o600 });
      const toolArgs = [
        '-Xms32m',
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        `-Dlog4j.configuration=file:${o.log4j}`,
        `-Dlog4j2.configurationFile=${o.log4j2}`,
        '-cp',
        join(o.libsDir, '*'),
        'kafka.admin.ConfigCommand',
        '--bootstrap-server',
        o.bootstrap,
        '--command-config',
        commandConfig,
        ...args.map((a) => (a === '@ADD@' ? addFile : a)),
      ];
      return await new Promise<string>((resolve, reject) => {
        execFile(
          o.java,
          toolArgs,
          { timeout: o.timeoutMs ?? 60_000, maxBuffer: 4 << 20 },
          (error, stdout, stderr) => {
            if (!error) return resolve(stdout);
            const output = redact(`${stdout}\n${stderr}`, all).trim().split('\n').slice(-5);
            reject(
              new KafkaToolError(
                `kafka.admin.ConfigCommand failed (${error.code ?? error.signal ?? 'error'}): ${output.join(' | ')}`,
              ),
            );
          },
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Java client properties for the administrator's SASL login. */
function adminProperties(admin: KafkaToolsOptions['admin']): string {
  const module =
    admin.mechanism === 'PLAIN'
      ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
      : 'org.apache.kafka.common.security.scram.ScramLoginModule';
  const jaas = `${module} required username="${jaasEscape(admin.username)}" password="${jaasEscape(admin.password)}";`;
  return [
    'security.protocol=SASL_PLAINTEXT',
    `sasl.mechanism=${admin.mechanism}`,
    `sasl.jaas.config=${propertiesEscape(jaas)}`,
    '',
  ].join('\n');
}

function jaasEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function propertiesEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** `text` with every occurrence of every secret replaced. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((s) => s.length > 0)
    .reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
