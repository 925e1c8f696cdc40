// `npm start` (scripts/start.js) as a child process in a home directory of its own: its own
// broker, auditor store, gateway state, keys and token, on free ports, logging JSON lines.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitFor } from './wait-for';

/** A running `npm start`: the process, what it printed, and the apps' addresses. */
export interface NpmStart {
  child: ChildProcess;
  output: () => string;
  gatewayUrl: string;
  auditorUrl: string;
  token: string;
  /** SIGTERM, as Ctrl-C would: apps first, broker last; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

// Variables of the test run that would point `npm start` at something else than its home.
const NOT_INHERITED = [
  'KAFKA_BROKERS',
  'ONWARD_BROKER_DIR',
  'ONWARD_TOPIC_PREFIX',
  'AUDITOR_DATA_DIR',
  'AUDITOR_TOKEN',
  'AUDITOR_TOKEN_FILE',
  'GATEWAY_STATE_DIR',
  'LOG_FORMAT',
];

/** The address an app logged once listening (`{"app":…,"url":…}` JSON lines). */
function listeningUrl(output: string, app: string): string | undefined {
  // Complete lines only: the last one may still be arriving.
  for (const line of output.split('\n').slice(0, -1)) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { app?: string; url?: string };
    if (entry.app === app && entry.url) return entry.url;
  }
  return undefined;
}

/**
 * Starts `node scripts/start.js ...args` with ONWARD_HOME=`home` and waits until the gateway
 * and the auditor listen. Fails with the output when it exits first.
 */
export async function startNpmStart(home: string, args: string[] = []): Promise<NpmStart> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  const script = resolve(__dirname, '../../scripts/start.js');
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      ...env,
      ONWARD_HOME: home,
      GATEWAY_HTTP_PORT: '0',
      AUDITOR_HTTP_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const up = await waitFor(
    () => {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      const gateway = listeningUrl(out, 'gateway');
      const auditor = listeningUrl(out, 'auditor');
      return gateway && auditor ? { gateway, auditor } : null;
    },
    { timeoutMs: 180_000, what: '`npm start` to bring up the gateway and the auditor' },
  ).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  if (up === 'exited') throw new Error(`npm start exited during start-up:\n${out.slice(-3000)}`);
  const token = readFileSync(join(home, 'auditor.token'), 'utf8').trim();
  return { child, output: () => out, gatewayUrl: up.gateway, auditorUrl: up.auditor, token, stop };
}
