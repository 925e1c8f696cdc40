import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scripts = resolve(__dirname, '../../scripts/kafka');

/** A broker the tests talk to, and how to let go of it. */
export interface BrokerHandle {
  brokers: string;
  describe: string;
  stop(): Promise<void>;
}

/** Starts the project's local KRaft broker from the cached Maven jars; it dies with this process. */
export async function startLocalBroker(): Promise<BrokerHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'onward-test-kafka-'));
  const { stdout } = await run(
    'bash',
    [join(scripts, 'start.sh'), '--dir', dir, '--owner', String(process.pid)],
    {
      maxBuffer: 1 << 20,
    },
  );
  const brokers = stdout.trim().split('\n').pop() ?? '';
  const version = /Kafka version: (\S+)/.exec(
    readFileSync(join(dir, 'logs/server.log'), 'utf8'),
  )?.[1];
  return {
    brokers,
    describe: `local Apache Kafka ${version ?? '?'} (KRaft) at ${brokers}, data in ${dir}`,
    stop: async () => {
      await run('bash', [join(scripts, 'stop.sh'), '--dir', dir]);
    },
  };
}

/**
 * Starts Kafka in a container where a Docker engine exists (KAFKA_TEST_BACKEND=testcontainers).
 * Not exercised here: these machines have no Docker engine.
 */
export async function startContainerBroker(): Promise<BrokerHandle> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const image = process.env.KAFKA_TEST_IMAGE ?? 'apache/kafka:3.9.1';
  const container = await new KafkaContainer(image).withKraft().start();
  const brokers = `${container.getHost()}:${container.getMappedPort(9093)}`;
  return {
    brokers,
    describe: `container ${image} at ${brokers}`,
    stop: async () => {
      await container.stop();
    },
  };
}
