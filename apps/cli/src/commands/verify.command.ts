import type { Command } from 'commander';
import { saslFromEnv, type KafkaEnv } from '@app/runtime';
import { parseKeyList, runVerify } from '@app/verify';
import { CliUsageError, type CliIo } from '../cli-io';

/** Options of `onward verify`. */
export interface VerifyCommandOptions {
  brokers?: string;
  prefix?: string;
  idleTimeoutMs: string;
  checkpointKey?: string[];
  clusterId?: string;
}

/** Registers `onward verify`: the auditor's whole-topic chain check, from the command line. */
export function registerVerifyCommand(
  program: Command,
  io: CliIo,
  guard: (task: () => Promise<number>) => Promise<void>,
): void {
  program
    .command('verify')
    .description('verify the hash chain of every audit partition; exit 1 naming the first break')
    .option('--brokers <list>', 'comma-separated host:port list (default: KAFKA_BROKERS)')
    .option('--prefix <prefix>', 'topic prefix (default: ONWARD_TOPIC_PREFIX, else privacy.)')
    .option('--idle-timeout-ms <ms>', 'stop when the read makes no progress for this long', '15000')
    .option(
      '--checkpoint-key <vkey...>',
      'log verifier key(s); also check the signed checkpoints (default: AUDITOR_CHECKPOINT_KEYS)',
    )
    .option('--cluster-id <id>', "cluster id of the checkpoint origins (default: the broker's)")
    .action((opts: VerifyCommandOptions) => guard(() => runVerifyCommand(io, opts)));
}

async function runVerifyCommand(io: CliIo, opts: VerifyCommandOptions): Promise<number> {
  const brokers = opts.brokers ?? io.env.KAFKA_BROKERS;
  if (!brokers) throw new CliUsageError('verify: --brokers or KAFKA_BROKERS is required');
  const idleTimeoutMs = Number(opts.idleTimeoutMs);
  if (!Number.isSafeInteger(idleTimeoutMs) || idleTimeoutMs < 100) {
    throw new CliUsageError('verify: --idle-timeout-ms must be a whole number of at least 100');
  }
  return runVerify({
    brokers: brokers.split(','),
    prefix: opts.prefix ?? io.env.ONWARD_TOPIC_PREFIX ?? 'privacy.',
    out: io.stdout,
    err: io.stderr,
    idleTimeoutMs,
    sasl: saslFromEnv(io.env as Partial<KafkaEnv>),
    checkpointKeys: keysOf(opts.checkpointKey ?? [io.env.AUDITOR_CHECKPOINT_KEYS ?? '']),
    checkpointOrigin: opts.clusterId ?? io.env.ONWARD_CLUSTER_ID,
  });
}

function keysOf(values: string[]) {
  try {
    return parseKeyList(values);
  } catch {
    throw new CliUsageError('verify: a --checkpoint-key is not a signed-note verifier key');
  }
}
