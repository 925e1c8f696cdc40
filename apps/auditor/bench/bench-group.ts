// Auditor processes (the built app) on one PostgreSQL store, sharing the audit partitions in
// one consumer group: events/s stored and verified once the group is stable (every instance
// owns partitions), so process start-up and the first rebalance are not counted.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';

const MAIN = resolve(__dirname, '../src/main.js');

/** One measured group. */
export interface GroupResult {
  instances: number;
  /** Events stored after the group was stable: the ones the rate is measured on. */
  measuredEvents: number;
  seconds: number;
  eventsPerSecond: number;
}

interface Instance {
  child: ChildProcess;
  output: () => string;
}

function startInstance(env: Record<string, string>, profileDir?: string): Instance {
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...flags, MAIN], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  return { child, output: () => out };
}

function auditAssignment(instance: Instance, auditTopic: string): number[] {
  const last = instance
    .output()
    .split('\n')
    .filter((l) => l.includes('audit stream partitions assigned'))
    .at(-1);
  if (last === undefined) return [];
  return (
    (JSON.parse(last) as { assignment: Record<string, number[]> }).assignment[auditTopic] ?? []
  );
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`bench: ${what} not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `instances` auditors on `prefix` (topics already filled) until `total` are stored. */
export async function measureGroup(options: {
  instances: number;
  brokers: string;
  prefix: string;
  partitions: number;
  total: number;
  databaseUrl: string;
  profileDir?: string;
}): Promise<GroupResult> {
  const auditTopic = `${options.prefix}audit`;
  const env = {
    KAFKA_BROKERS: options.brokers,
    ONWARD_TOPIC_PREFIX: options.prefix,
    AUDITOR_HTTP_PORT: '0',
    AUDITOR_DATABASE_URL: options.databaseUrl,
    AUDITOR_SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'info',
  };
  const dir = options.profileDir ? join(options.profileDir, `instances-${options.instances}`) : '';
  const group = Array.from({ length: options.instances }, () =>
    startInstance(env, dir || undefined),
  );
  const pool = new Pool({ connectionString: options.databaseUrl });
  const stored = async (): Promise<number> => {
    const sql = 'SELECT count(*)::integer AS n FROM audit_records';
    return (await pool.query<{ n: number }>(sql)).rows[0].n;
  };
  try {
    await until('the group to be stable', 120_000, async () => {
      const dead = group.find((i) => i.child.exitCode !== null);
      if (dead) throw new Error(`an auditor exited:\n${dead.output().slice(-2000)}`);
      const owned = group.map((i) => auditAssignment(i, auditTopic));
      const all = new Set(owned.flat());
      return owned.every((o) => o.length > 0) && all.size === options.partitions ? true : null;
    });
    const t0 = performance.now();
    const before = await stored();
    await until('every event to be stored', 600_000, async () =>
      (await stored()) >= options.total ? true : null,
    );
    const seconds = (performance.now() - t0) / 1000;
    const alerts = await pool.query('SELECT 1 FROM integrity_alerts');
    if (alerts.rowCount !== 0) throw new Error(`bench chain raised ${alerts.rowCount} alert(s)`);
    const measuredEvents = options.total - before;
    return {
      instances: options.instances,
      measuredEvents,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(measuredEvents / seconds),
    };
  } finally {
    await pool.end();
    await Promise.all(
      group.map(
        (i) =>
          new Promise<void>((done) => {
            if (i.child.exitCode !== null) return done();
            i.child.once('exit', () => done());
            i.child.kill('SIGTERM');
          }),
      ),
    );
  }
}
