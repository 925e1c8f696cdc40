// The secured broker mode itself: who may connect, and where its secrets are (and are not).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, KafkaJSSASLAuthenticationError, logLevel, type KafkaConfig } from 'kafkajs';
import { kafkaErrorType } from '../../apps/cli/src/access/kafka-error-type';
import { SecureBroker } from '../support/secure-broker';

describe('secured broker (start.sh --secure)', () => {
  let broker: SecureBroker;

  beforeAll(async () => {
    broker = await SecureBroker.start();
  });

  afterAll(async () => {
    await broker?.stop();
  });

  const secret = (name: string) => readFileSync(join(broker.dir, 'secure', name), 'utf8').trim();
  const mode = (path: string) => statSync(path).mode & 0o777;

  async function connectError(config: Partial<KafkaConfig>): Promise<unknown> {
    const admin = new Kafka({
      clientId: 'onward-test-auth',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 3000,
      ...config,
    }).admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return null;
    } catch (error) {
      return error;
    } finally {
      await admin.disconnect();
    }
  }

  it('keeps its secrets in owner-only files, out of its output and its logs', () => {
    const dir = join(broker.dir, 'secure');
    expect(mode(dir)).toBe(0o700);
    for (const file of readdirSync(dir))
      expect([file, mode(join(dir, file))]).toEqual([file, 0o600]);
    expect(mode(join(broker.dir, 'server.properties'))).toBe(0o600);
    // The StorageTool @argfile held the bootstrap passwords; it is gone once formatted.
    expect(existsSync(join(dir, 'format.args'))).toBe(false);

    const passwords = ['admin', 'broker', 'controller'].map((n) => secret(`${n}.password`));
    expect(new Set(passwords).size).toBe(3);
    const logs = readdirSync(join(broker.dir, 'logs')).map((f) =>
      readFileSync(join(broker.dir, 'logs', f), 'utf8'),
    );
    for (const password of passwords) {
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(broker.startOutput).not.toContain(password);
      for (const log of logs) expect(log).not.toContain(password);
    }
  });

  it('lets the super-user in with the generated password', async () => {
    const admin = broker.admin().admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toHaveLength(1);
  });

  it('refuses a wrong password', async () => {
    const error = await connectError({
      sasl: {
        mechanism: 'scram-sha-512',
        username: 'admin',
        password: `${secret('admin.password')}x`,
      },
    });
    expect(error).toBeInstanceOf(KafkaJSSASLAuthenticationError);
  });

  it('refuses an unknown user', async () => {
    const error = await connectError({
      sasl: { mechanism: 'scram-sha-512', username: 'mallory', password: 'whatever-password' },
    });
    expect(error).toBeInstanceOf(KafkaJSSASLAuthenticationError);
  });

  it('refuses a client without SASL, and SASL mechanisms other than SCRAM-SHA-512', async () => {
    const plaintext = await connectError({});
    expect((plaintext as Error | null)?.name).toBe('KafkaJSConnectionClosedError');
    const plain = await connectError({
      sasl: { mechanism: 'plain', username: 'admin', password: secret('admin.password') },
    });
    expect(kafkaErrorType(plain)).toBe('UNSUPPORTED_SASL_MECHANISM');
    const sha256 = await connectError({
      sasl: { mechanism: 'scram-sha-256', username: 'admin', password: secret('admin.password') },
    });
    expect(kafkaErrorType(sha256)).toBe('UNSUPPORTED_SASL_MECHANISM');
  });

  it('has no anonymous access on the controller listener: only its static PLAIN user', async () => {
    const props = readFileSync(join(broker.dir, 'server.properties'), 'utf8');
    const port = /CONTROLLER:\/\/127\.0\.0\.1:(\d+)/.exec(props)?.[1];
    expect(props).toMatch(
      /^listener\.security\.protocol\.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT$/m,
    );
    const controller = { brokers: [`127.0.0.1:${port}`] };
    const wrong = await connectError({
      ...controller,
      sasl: { mechanism: 'plain', username: 'controller', password: 'guessed-password' },
    });
    expect(wrong).toBeInstanceOf(KafkaJSSASLAuthenticationError);
    const admin = await connectError({
      ...controller,
      sasl: { mechanism: 'scram-sha-512', username: 'admin', password: secret('admin.password') },
    });
    expect(kafkaErrorType(admin)).toBe('UNSUPPORTED_SASL_MECHANISM');
  });
});
