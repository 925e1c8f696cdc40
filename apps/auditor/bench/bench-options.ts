// The auditor benchmark's command line: `[events] [partitions]` as before, plus
// `--store sqlite|postgres` and `--instances <n>` (several instances need PostgreSQL).
import { parseArgs } from 'node:util';

/** What one benchmark run measures. */
export interface BenchOptions {
  events: number;
  partitions: number;
  store: 'sqlite' | 'postgres';
  instances: number;
  /** Where the benchmark creates (and drops) its PostgreSQL database. */
  databaseServer: string;
}

/** Parses the arguments; throws naming a bad one. */
export function benchOptions(argv: readonly string[]): BenchOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      events: { type: 'string' },
      partitions: { type: 'string' },
      store: { type: 'string' },
      instances: { type: 'string' },
    },
  });
  const int = (text: string | undefined, fallback: number, name: string): number => {
    const n = Number(text ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  const instances = int(values.instances, 1, '--instances');
  const store = values.store ?? (instances > 1 ? 'postgres' : 'sqlite');
  if (store !== 'sqlite' && store !== 'postgres') throw new Error('--store: sqlite or postgres');
  if (instances > 1 && store !== 'postgres') {
    throw new Error('--instances > 1 needs --store postgres (SQLite runs one auditor)');
  }
  return {
    events: int(values.events ?? positionals[0], instances > 1 ? 120_000 : 60_000, 'events'),
    partitions: int(values.partitions ?? positionals[1], 6, 'partitions'),
    store,
    instances,
    databaseServer:
      process.env.ONWARD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}
