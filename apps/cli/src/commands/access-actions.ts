import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  TopicAdmin,
} from '@app/runtime';
import { topicNames } from '@app/contracts';
import { EXIT, writeLine, type CliIo } from '../cli-io';
import type { AccessContext } from '../access/access-context';
import { namedAcl } from '../access/named-acl';
import { holdPartner, listPartners, releasePartner } from '../access/partner-access';
import {
  addPartner,
  enforcePartnerAccess,
  provisionFixedPrincipals,
  removePartner,
  syncPartnerAccess,
} from '../access/provision';
import { provisionAllNoticeAcks } from '../access/notice-ack-access';
import { SecretsDir } from '../access/secrets-dir';

/** Options of `access provision`. */
export interface ProvisionOptions {
  secretsDir: string;
  gatewayGroup: string;
  auditorGroupPrefixes: string;
}

/** Options of `access partner add`. */
export interface PartnerAddOptions {
  secretsDir: string;
  passwordFile?: string;
}

/** `access provision`: one line per fixed principal (user, password file, ACL count), then one per partner (its acknowledgements topic). */
export async function runProvision(
  io: CliIo,
  ctx: AccessContext,
  opts: ProvisionOptions,
): Promise<number> {
  const secrets = new SecretsDir(opts.secretsDir);
  const scope = {
    prefix: ctx.prefix,
    gatewayGroup: opts.gatewayGroup,
    auditorGroupPrefixes: opts.auditorGroupPrefixes.split(',').filter((p) => p !== ''),
  };
  const scram = ctx.scram();
  const admin = await ctx.connectedAdmin();
  for (const line of await provisionFixedPrincipals(admin, scram, secrets, scope)) {
    await writeLine(io.stdout, line);
  }
  // Partners onboarded before acknowledgements existed get their topic and grant here.
  for (const line of await provisionAllNoticeAcks(admin, ctx.prefix)) {
    await writeLine(io.stdout, line);
  }
  return EXIT.ok;
}

/** `access partner add <id>`: the partner's user, groups and (if active) read access. */
export async function runPartnerAdd(
  io: CliIo,
  ctx: AccessContext,
  recipientId: string,
  opts: PartnerAddOptions,
): Promise<number> {
  const secrets = new SecretsDir(opts.secretsDir);
  const scram = ctx.scram();
  const admin = await ctx.connectedAdmin();
  const added = await addPartner(
    ctx.kafka,
    admin,
    scram,
    secrets,
    ctx.prefix,
    recipientId,
    opts.passwordFile,
  );
  await writeLine(io.stdout, added);
  if (!added.canRead) {
    io.stderr.write(
      `onward access: ${recipientId} is ${added.status} on ${ctx.prefix}recipients: no read access until it is active (then run \`access sync\`)\n`,
    );
  }
  return EXIT.ok;
}

/** `access partner suspend|resume <id>`: sets or releases the operator hold. */
export async function runPartnerHold(
  io: CliIo,
  ctx: AccessContext,
  recipientId: string,
  hold: boolean,
): Promise<number> {
  const admin = await ctx.connectedAdmin();
  if (hold) await holdPartner(admin, ctx.prefix, recipientId);
  else await releasePartner(admin, ctx.prefix, recipientId);
  const partner = (await listPartners(admin, ctx.prefix)).find(
    (p) => p.recipientId === recipientId,
  );
  await writeLine(io.stdout, partner ?? { recipientId, held: hold, canRead: false, known: false });
  return EXIT.ok;
}

/** `access partner remove <id>`. */
export async function runPartnerRemove(
  io: CliIo,
  ctx: AccessContext,
  recipientId: string,
): Promise<number> {
  const scram = ctx.scram();
  const admin = await ctx.connectedAdmin();
  await writeLine(io.stdout, await removePartner(admin, scram, recipientId));
  return EXIT.ok;
}

/** `access sync [--follow]`: one line per partner (per change when following). */
export async function runSync(io: CliIo, ctx: AccessContext, follow: boolean): Promise<number> {
  const admin = await ctx.connectedAdmin();
  if (!follow) {
    for (const change of await syncPartnerAccess(ctx.kafka, admin, ctx.prefix)) {
      await writeLine(io.stdout, change);
    }
    return EXIT.ok;
  }
  // Started next to a gateway that creates the topic: wait for it rather than fail.
  const topic = topicNames(ctx.prefix).recipients;
  await TopicAdmin.over(admin).waitForTopics([topic], {
    timeoutMs: Infinity,
    intervalMs: 1000,
    onWait: () => io.stderr.write(`onward access: waiting for ${topic} to exist\n`),
  });
  const follower = await enforcePartnerAccess(ctx.kafka, admin, ctx.prefix, (change) =>
    writeLine(io.stdout, { at: new Date().toISOString(), ...change }),
  );
  io.stderr.write(`onward access: following ${ctx.prefix}recipients; Ctrl-C stops\n`);
  // A reader that stopped for good would leave the ACLs stale (a suspended partner keeps
  // reading): the command ends then too, non-zero, so a supervisor restarts it.
  const failure = await new Promise<Error | null>((resolve) => {
    process.once('SIGINT', () => resolve(null));
    process.once('SIGTERM', () => resolve(null));
    void follower.failed.then(resolve);
  });
  await follower.stop();
  if (failure === null) return EXIT.ok;
  io.stderr.write(`onward access: stopped following ${topic}: ${failure.message}\n`);
  return EXIT.stopped;
}

/** `access list [--partners]`. */
export async function runList(io: CliIo, ctx: AccessContext, partners: boolean): Promise<number> {
  const admin = await ctx.connectedAdmin();
  if (partners) {
    for (const p of await listPartners(admin, ctx.prefix)) await writeLine(io.stdout, p);
    return EXIT.ok;
  }
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const lines = resources
    .flatMap((r) => r.acls.map((acl) => namedAcl({ ...r, ...acl })))
    .sort(
      (a, b) =>
        a.principal.localeCompare(b.principal) ||
        a.resourceType.localeCompare(b.resourceType) ||
        a.resourceName.localeCompare(b.resourceName) ||
        a.operation.localeCompare(b.operation),
    );
  for (const line of lines) await writeLine(io.stdout, line);
  return EXIT.ok;
}
