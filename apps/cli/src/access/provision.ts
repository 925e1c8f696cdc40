import type { Admin, Kafka } from '@app/runtime';
import { isTopicSafeRecipientId, shareTopicFor, topicNames } from '@app/contracts';
import {
  fixedGrants,
  partnerGroupPrefix,
  partnerUser,
  principalOf,
  type AccessScope,
  type PrincipalGrant,
} from './access-acls';
import {
  addPartnerMembership,
  applyRecipientStatus,
  InvalidRecipientIdError,
  listPartners,
  reconcilePartnerAccess,
  removePartnerAcls,
  type PartnerChange,
} from './partner-access';
import {
  followRecipientStatuses,
  readRecipientStatuses,
  type RecipientAccessStatus,
  type RecipientStatusFollower,
} from './recipient-status';
import { ackTopicFits, provisionNoticeAcks } from './notice-ack-access';
import type { ScramCredentials } from './scram-credentials';
import type { SecretsDir } from './secrets-dir';

/** A user `onward access` created or updated; the password stays in `passwordFile`. */
export interface ProvisionedUser {
  user: string;
  principal: string;
  passwordFile: string;
  envFile: string;
  /** A new password was written (false: the one on file was reused). */
  passwordCreated: boolean;
}

async function ensureUser(
  scram: ScramCredentials,
  secrets: SecretsDir,
  user: string,
  suppliedPasswordFile?: string,
): Promise<ProvisionedUser> {
  const { password, created } = secrets.passwordFor(user, suppliedPasswordFile);
  await scram.upsert(user, password);
  return {
    user,
    principal: principalOf(user),
    passwordFile: secrets.passwordFile(user),
    envFile: secrets.writeEnv(user),
    passwordCreated: created,
  };
}

/** Creates the fixed principals' SCRAM users and ACLs (idempotent). */
export async function provisionFixedPrincipals(
  admin: Admin,
  scram: ScramCredentials,
  secrets: SecretsDir,
  scope: AccessScope,
): Promise<(ProvisionedUser & { role: PrincipalGrant['role']; acls: number })[]> {
  const out = [];
  for (const grant of fixedGrants(scope)) {
    const user = await ensureUser(scram, secrets, grant.user);
    await admin.createAcls({ acl: grant.acls });
    out.push({ role: grant.role, ...user, acls: grant.acls.length });
  }
  return out;
}

/** A partner after `addPartner`. */
export interface AddedPartner extends ProvisionedUser {
  recipientId: string;
  topic: string;
  groupPrefix: string;
  status: RecipientAccessStatus;
  canRead: boolean;
  /** Where the partner acknowledges notices (it may write there, and only there). */
  ackTopic: string;
}

/**
 * Onboards the partner of `recipientId`: its SCRAM user, membership of its groups
 * (`<recipientId>:…`), and read access to its share topic if, and only if, the recipient is
 * active on `<prefix>recipients` right now (read from the log, not assumed); and its
 * acknowledgements topic, which it may write whatever the status.
 */
export async function addPartner(
  kafka: Kafka,
  admin: Admin,
  scram: ScramCredentials,
  secrets: SecretsDir,
  prefix: string,
  recipientId: string,
  suppliedPasswordFile?: string,
): Promise<AddedPartner> {
  if (!isTopicSafeRecipientId(recipientId, prefix) || !ackTopicFits(prefix, recipientId)) {
    throw new InvalidRecipientIdError(`recipientId "${recipientId}" cannot name a share topic`);
  }
  const user = await ensureUser(scram, secrets, partnerUser(recipientId), suppliedPasswordFile);
  await addPartnerMembership(admin, recipientId);
  const ackTopic = await provisionNoticeAcks(admin, prefix, recipientId);
  const statuses = await readRecipientStatuses(kafka, topicNames(prefix).recipients);
  const status = statuses.get(recipientId) ?? 'unknown';
  await reconcilePartnerAccess(admin, prefix, new Map([[recipientId, status]]), [recipientId]);
  const partner = (await listPartners(admin, prefix)).find((p) => p.recipientId === recipientId);
  return {
    recipientId,
    ...user,
    topic: shareTopicFor(prefix, recipientId),
    groupPrefix: partnerGroupPrefix(recipientId),
    status,
    canRead: partner?.canRead ?? false,
    ackTopic,
  };
}

/** Offboards a partner: deletes its SCRAM user and every ACL of its principal. */
export async function removePartner(
  admin: Admin,
  scram: ScramCredentials,
  recipientId: string,
): Promise<{ recipientId: string; user: string; removedAcls: number }> {
  const user = partnerUser(recipientId);
  const removedAcls = await removePartnerAcls(admin, recipientId);
  await scram.remove(user);
  return { recipientId, user, removedAcls };
}

/** One pass: reads `<prefix>recipients` to its end and reconciles every partner. */
export async function syncPartnerAccess(
  kafka: Kafka,
  admin: Admin,
  prefix: string,
): Promise<PartnerChange[]> {
  const statuses = await readRecipientStatuses(kafka, topicNames(prefix).recipients);
  return reconcilePartnerAccess(admin, prefix, statuses);
}

/**
 * Continuous enforcement: reads `<prefix>recipients` to its end, reconciles every partner with
 * the statuses found, then applies each status change as it is written, until stopped. History
 * is not replayed onto the ACLs (that would flap an active partner's access); changes are
 * applied one at a time, in log order. `onChange` sees each partner whose access changed.
 */
export async function enforcePartnerAccess(
  kafka: Kafka,
  admin: Admin,
  prefix: string,
  onChange: (change: PartnerChange) => Promise<void>,
): Promise<RecipientStatusFollower> {
  const statuses = new Map<string, RecipientAccessStatus>();
  let live = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };
  const follower = await followRecipientStatuses(
    kafka,
    topicNames(prefix).recipients,
    async (id, status) => {
      statuses.set(id, status);
      if (!live) return;
      const change = await serial(() => applyRecipientStatus(admin, prefix, id, status));
      if (change?.changed) await onChange(change);
    },
  );
  await follower.caughtUp;
  live = true;
  const changes = await serial(() => reconcilePartnerAccess(admin, prefix, statuses));
  for (const change of changes) if (change.changed) await onChange(change);
  return follower;
}
