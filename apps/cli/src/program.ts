import { Command, CommanderError } from 'commander';
import { PolicyFileError } from '@app/policy';
import { ConfigurationError } from '@app/runtime';
import { CliUsageError, EXIT, type CliIo } from './cli-io';
import { registerAccessCommand } from './commands/access.command';
import { registerDemoCommand } from './commands/demo.command';
import { runCheck } from './commands/check.command';
import { registerVerifyCommand } from './commands/verify.command';
import { registerProofCommand } from './commands/proof.command';
import { runDecide, type DecideCommandOptions } from './commands/decide.command';
import { runSimulate, type SimulateCommandOptions } from './commands/simulate.command';

/**
 * Runs the `onward` CLI on `argv` (without node and script) against `io`; resolves to the
 * exit code. Start-up failures (unreadable file, malformed policy, no key) print one line on
 * stderr and give exit code 2.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const guard = async (task: () => Promise<number>) => {
    code = await task().catch((error: unknown) => startupFailure(io, error));
  };
  const program = new Command('onward')
    .description('Onward privacy gateway: policy tools')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  program
    .command('decide')
    .description('decide JSON lines {"request","recipient","subject","now"} from stdin')
    .option('--policy <file>', 'policy file (default: the bundled coursera-privacy.yaml)')
    .option('--pseudonym-key <key>', 'research pseudonym key (prefer ONWARD_PSEUDONYM_KEY)')
    .option('--dev-key', 'use the public development pseudonym key (never on real data)')
    .action((opts: DecideCommandOptions) => guard(() => runDecide(io, opts)));
  program
    .command('simulate')
    .description('print the cases from stdin whose outcome differs between two policies')
    .requiredOption('--from <file>', 'the current policy file')
    .requiredOption('--to <file>', 'the proposed policy file')
    .action((opts: SimulateCommandOptions) => guard(() => runSimulate(io, opts)));
  program
    .command('check')
    .description('validate a policy file and print its id, version and digest')
    .argument('<file>', 'policy file')
    .action((file: string) => guard(() => runCheck(io, file)));
  registerAccessCommand(program, io, guard);
  registerVerifyCommand(program, io, guard);
  registerProofCommand(program, io, guard);
  registerDemoCommand(program, io, guard);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return code;
}

function startupFailure(io: CliIo, error: unknown): number {
  if (
    error instanceof CliUsageError ||
    error instanceof ConfigurationError ||
    error instanceof PolicyFileError
  ) {
    io.stderr.write(`onward: ${error.message}\n`);
    return EXIT.usage;
  }
  throw error;
}
