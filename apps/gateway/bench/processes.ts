import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root, from dist/apps/gateway/bench (compiled) or apps/gateway/bench. */
export const repoRoot = [resolve(__dirname, '../../../..'), resolve(__dirname, '../../..')].find(
  (dir) => existsSync(join(dir, 'scripts/kafka/start.sh')),
) as string;

/** A child process of the benchmark and what it printed. */
export interface Child {
  process: ChildProcess;
  output: () => string;
  /** Resolves when the output contains `text`; rejects on exit or after `timeoutMs`. */
  waitFor: (text: string, timeoutMs: number) => Promise<void>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

const running = new Set<Child>();

/** Stops every child still running (a failed run must not leave processes behind). */
export async function stopChildren(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop('SIGKILL')));
}

/** Starts `node <script>` with extra env; its output is kept (bounded) for waits and errors. */
export function startChild(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Child {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer): void => {
    out = (out + b.toString()).slice(-64 * 1024);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const waitFor = (text: string, timeoutMs: number): Promise<void> =>
    new Promise((resolveWait, reject) => {
      const timer = setTimeout(() => done(new Error(`timed out waiting for "${text}"`)), timeoutMs);
      const check = (): void => {
        if (out.includes(text)) done();
      };
      const onExit = (): void => done(new Error(`exited before "${text}":\n${out.slice(-2000)}`));
      const done = (err?: Error): void => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', onExit);
        if (err) reject(err);
        else resolveWait();
      };
      child.stdout?.on('data', check);
      child.once('exit', onExit);
      check();
    });
  const handle: Child = {
    process: child,
    output: () => out,
    waitFor,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** A broker for the benchmark: KAFKA_BROKERS when set, else the project's local one. */
export interface BenchBroker {
  brokers: string;
  started: boolean;
  stop: () => Promise<void>;
}

export async function startBroker(): Promise<BenchBroker> {
  const external = process.env.KAFKA_BROKERS;
  if (external) return { brokers: external, started: false, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'onward-bench-kafka-'));
  const scripts = join(repoRoot, 'scripts/kafka');
  const { stdout } = await run(
    'bash',
    [join(scripts, 'start.sh'), '--dir', dir, '--owner', String(process.pid)],
    { maxBuffer: 1 << 20 },
  );
  return {
    brokers: stdout.trim().split('\n').pop() ?? '',
    started: true,
    stop: async () => {
      await run('bash', [join(scripts, 'stop.sh'), '--dir', dir]);
    },
  };
}
