import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait-for';

/** A built app running as a child process, with everything it printed. */
export interface AppProcess {
  child: ChildProcess;
  output: () => string;
  url: () => Promise<string>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts `dist/apps/<name>/src/main.js` (npm test builds first) with extra environment. */
export function startApp(
  name: 'gateway' | 'auditor' | 'partner',
  env: Record<string, string>,
): AppProcess {
  const main = resolve(__dirname, `../../dist/apps/${name}/src/main.js`);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    url: () =>
      waitFor(() => /"url":"(http:\/\/[^"]+)"/.exec(out)?.[1], {
        timeoutMs: 60_000,
        what: `${name} to listen`,
      }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
