import type { Command } from 'commander';
import { KafkaJSError } from '@app/runtime';
import { EXIT, type CliIo } from '../cli-io';
import { AccessContext } from '../access/access-context';
import { DEFAULT_AUDITOR_GROUP_PREFIXES, DEFAULT_GATEWAY_GROUP } from '../access/access-acls';
import { kafkaErrorType } from '../access/kafka-error-type';
import { InvalidRecipientIdError } from '../access/partner-access';
import { MissingRecipientsTopicError } from '../access/recipient-status';
import { KafkaToolError } from '../access/scram-credentials';
import {
  runList,
  runPartnerAdd,
  runPartnerHold,
  runPartnerRemove,
  runProvision,
  runSync,
  type PartnerAddOptions,
  type ProvisionOptions,
} from './access-actions';

type Guard = (task: () => Promise<number>) => Promise<void>;

/**
 * `onward access …`: SCRAM users and ACLs of a secured broker. Connects as the administrator
 * given by KAFKA_BROKERS / KAFKA_SASL_* (see AccessContext); prints JSON lines on stdout and
 * never a password (they stay in files of --secrets-dir).
 */
export function registerAccessCommand(program: Command, io: CliIo, guard: Guard): void {
  const run = (task: (ctx: AccessContext) => Promise<number>) => guard(() => withContext(io, task));
  const access = program
    .command('access')
    .description('principals and ACLs of a secured broker (run as its administrator)');
  access
    .command('provision')
    .description('create the gateway, auditor, producer and registry users and their ACLs')
    .requiredOption('--secrets-dir <dir>', 'where password and env files are written (mode 600)')
    .option(
      '--gateway-group <id>',
      'the gateway group id',
      io.env.GATEWAY_GROUP_ID ?? DEFAULT_GATEWAY_GROUP,
    )
    .option(
      '--auditor-group-prefixes <list>',
      'comma-separated group-id prefixes of the auditor',
      DEFAULT_AUDITOR_GROUP_PREFIXES.join(','),
    )
    .action((opts: ProvisionOptions) => run((ctx) => runProvision(io, ctx, opts)));
  const partner = access.command('partner').description('partners: one per recipient');
  partner
    .command('add')
    .description('user + groups "<id>:…" + read on its share topic while the recipient is active')
    .argument('<recipientId>')
    .requiredOption('--secrets-dir <dir>', 'where the password and env files are written')
    .option('--password-file <file>', 'use this password instead of a generated one')
    .action((id: string, opts: PartnerAddOptions) =>
      run((ctx) => runPartnerAdd(io, ctx, id, opts)),
    );
  partner
    .command('suspend')
    .description('operator hold: deny the partner everything until resumed')
    .argument('<recipientId>')
    .action((id: string) => run((ctx) => runPartnerHold(io, ctx, id, true)));
  partner
    .command('resume')
    .description('release the hold; reads come back if the recipient is active')
    .argument('<recipientId>')
    .action((id: string) => run((ctx) => runPartnerHold(io, ctx, id, false)));
  partner
    .command('remove')
    .description('delete the partner user and all its ACLs')
    .argument('<recipientId>')
    .action((id: string) => run((ctx) => runPartnerRemove(io, ctx, id)));
  access
    .command('sync')
    .description("align partners' read access with recipient status on <prefix>recipients")
    .option('--follow', 'keep applying status changes until SIGINT/SIGTERM')
    .action((opts: { follow?: boolean }) => run((ctx) => runSync(io, ctx, opts.follow === true)));
  access
    .command('list')
    .description('print every ACL (or, with --partners, each partner and whether it can read)')
    .option('--partners', 'one line per partner')
    .action((opts: { partners?: boolean }) =>
      run((ctx) => runList(io, ctx, opts.partners === true)),
    );
}

async function withContext(
  io: CliIo,
  task: (ctx: AccessContext) => Promise<number>,
): Promise<number> {
  const ctx = new AccessContext(io);
  try {
    return await task(ctx);
  } catch (error) {
    const reason = failureOf(error);
    if (reason === null) throw error;
    io.stderr.write(`onward access: ${reason}\n`);
    return EXIT.usage;
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

function failureOf(error: unknown): string | null {
  if (
    error instanceof KafkaToolError ||
    error instanceof InvalidRecipientIdError ||
    error instanceof MissingRecipientsTopicError
  ) {
    return error.message;
  }
  if (!(error instanceof KafkaJSError)) return null;
  const type = kafkaErrorType(error);
  const hint =
    type === 'SECURITY_DISABLED'
      ? ' (the broker has no authorizer: start it with scripts/kafka/start.sh --secure)'
      : type === 'CLUSTER_AUTHORIZATION_FAILED'
        ? ' (the KAFKA_SASL_USERNAME principal may not alter ACLs)'
        : '';
  return `${error.name}${type ? ` ${type}` : ''}: ${error.message}${hint}`;
}
