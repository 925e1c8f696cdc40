import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startContainerBroker, startLocalBroker, type BrokerHandle } from './broker-backend';

/**
 * The auditor's PostgreSQL tests use the local server unless ONWARD_TEST_DATABASE_URL names
 * another: start it when it is not running, so `npm test` alone sets everything up.
 */
function ensureLocalPostgres(): void {
  if (process.env.ONWARD_TEST_DATABASE_URL) return;
  const script = join(__dirname, '..', '..', 'scripts', 'postgres', 'ensure-local.sh');
  execFileSync('bash', [script], { stdio: 'inherit', timeout: 60_000 });
}

/**
 * Gives the broker-backed tests a real Kafka: KAFKA_BROKERS when set, a container when
 * KAFKA_TEST_BACKEND=testcontainers, otherwise the project's own local broker.
 */
export default async function globalSetup(): Promise<void> {
  ensureLocalPostgres();
  if (process.env.KAFKA_BROKERS) {
    console.log(`\n[onward] using the broker(s) in KAFKA_BROKERS: ${process.env.KAFKA_BROKERS}`);
    return;
  }
  const started = Date.now();
  const handle: BrokerHandle =
    process.env.KAFKA_TEST_BACKEND === 'testcontainers'
      ? await startContainerBroker()
      : await startLocalBroker();
  process.env.KAFKA_BROKERS = handle.brokers;
  (globalThis as { __ONWARD_BROKER__?: BrokerHandle }).__ONWARD_BROKER__ = handle;
  console.log(`\n[onward] started ${handle.describe} in ${Date.now() - started} ms`);
}
