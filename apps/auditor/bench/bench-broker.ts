// The broker for the benchmark: KAFKA_BROKERS, or the project's local broker started here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPTS = resolve(__dirname, '../../../../scripts/kafka');

/** Brokers to use and how to let go of them. */
export function benchBroker(): { brokers: string; stop: () => void } {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS, stop: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'onward-bench-kafka-'));
  const out = execFileSync(
    'bash',
    [join(SCRIPTS, 'start.sh'), '--dir', dir, '--owner', String(process.pid)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return {
    brokers: out.trim().split('\n').pop() ?? '',
    stop: () => execFileSync('bash', [join(SCRIPTS, 'stop.sh'), '--dir', dir], { stdio: 'ignore' }),
  };
}
