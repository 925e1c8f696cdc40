import type { Command } from 'commander';
import { CliUsageError, EXIT, type CliIo } from '../cli-io';
import { DemoError, demoSettings } from '../demo/demo-settings';
import { runDemo } from '../demo/run-demo';

/** Options of `onward demo`. */
export interface DemoCommandOptions {
  requests: string;
  rate: string;
  waitMs: string;
}

/** Exit code of a demo that could not finish: no broker, no gateway, no answer. */
const DEMO_FAILED = 1;

/** Registers `onward demo` (`npm run demo`): the first run of a newcomer against `npm start`. */
export function registerDemoCommand(
  program: Command,
  io: CliIo,
  guard: (task: () => Promise<number>) => Promise<void>,
): void {
  program
    .command('demo')
    .description(
      'register demo recipients and learners, stream share requests, summarise the audit',
    )
    .option('--requests <n>', 'well-formed share requests to publish', '300')
    .option('--rate <n>', 'share requests published per second', '60')
    .option('--wait-ms <ms>', 'fail when no audit event arrives for this long', '20000')
    .action((opts: DemoCommandOptions) => guard(() => runDemoCommand(io, opts)));
}

function wholeNumber(text: string, min: number, max: number, name: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliUsageError(`demo: ${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

async function runDemoCommand(io: CliIo, opts: DemoCommandOptions): Promise<number> {
  const requests = wholeNumber(opts.requests, 1, 100_000, '--requests');
  const perSecond = wholeNumber(opts.rate, 1, 100_000, '--rate');
  const waitMs = wholeNumber(opts.waitMs, 1000, 600_000, '--wait-ms');
  const live = (io.stdout as { isTTY?: boolean }).isTTY === true;
  try {
    const settings = demoSettings(io.env, process.cwd());
    await runDemo(settings, {
      requests,
      perSecond,
      waitMs,
      out: io.stdout,
      live,
      color: live && !io.env.NO_COLOR,
    });
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof DemoError)) throw error;
    io.stderr.write(`onward demo: ${error.message}\n`);
    return DEMO_FAILED;
  }
}
