import {
  type AclEntry,
  type AclFilter,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  OnwardError,
  ResourcePatternTypes,
} from '@app/runtime';
import { isTopicSafeRecipientId, shareTopicFor } from '@app/contracts';
import {
  partnerGroupPrefix,
  partnerHoldAcls,
  partnerMembershipAcls,
  partnerReadAcls,
  partnerUser,
  principalOf,
  recipientOfPrincipal,
} from './access-acls';
import type { RecipientAccessStatus } from './recipient-status';

/**
 * A partner's broker-side access, managed with a kafkajs Admin that may alter ACLs (the
 * super-user, or a principal with ALTER on the cluster). Reusable by the CLI and, later, by
 * the gateway when it sees a recipient's status change:
 *
 *   read access = recipient active (ALLOW READ, kept in step with `<prefix>recipients`)
 *                 AND no operator hold (DENY ALL, set and released by hand).
 */

/** One partner as its ACLs show it. */
export interface PartnerAccess {
  recipientId: string;
  user: string;
  topic: string;
  groupPrefix: string;
  /** ALLOW READ on the share topic is present (the recipient was active at the last sync). */
  readGranted: boolean;
  /** An operator's DENY ALL is present. */
  held: boolean;
  /** What the broker will do: read granted and not held. */
  canRead: boolean;
}

/** The outcome of reconciling one partner with its recipient's status. */
export interface PartnerChange {
  recipientId: string;
  status: RecipientAccessStatus;
  readGranted: boolean;
  changed: boolean;
}

/** Thrown for a recipient id that cannot name a share topic under the prefix. */
export class InvalidRecipientIdError extends OnwardError {
  override readonly name = 'InvalidRecipientIdError';
}

function assertRecipientId(prefix: string, recipientId: string): void {
  if (!isTopicSafeRecipientId(recipientId, prefix)) {
    throw new InvalidRecipientIdError(
      `recipientId must be 1+ of [a-zA-Z0-9._-] and fit a topic name under prefix "${prefix}"`,
    );
  }
}

/** Creates the partner's membership ACL (its groups). Read access follows separately. */
export async function addPartnerMembership(admin: Admin, recipientId: string): Promise<void> {
  await admin.createAcls({ acl: partnerMembershipAcls(recipientId) });
}

/** Grants read on `<prefix>shares.<recipientId>` (idempotent). */
export async function grantPartnerRead(
  admin: Admin,
  prefix: string,
  recipientId: string,
): Promise<void> {
  assertRecipientId(prefix, recipientId);
  await admin.createAcls({ acl: partnerReadAcls(prefix, recipientId) });
}

/** Revokes read on `<prefix>shares.<recipientId>` (idempotent). */
export async function revokePartnerRead(
  admin: Admin,
  prefix: string,
  recipientId: string,
): Promise<void> {
  assertRecipientId(prefix, recipientId);
  await deleteExactly(admin, partnerReadAcls(prefix, recipientId));
}

/** Sets an operator hold: no access at all, whatever the recipient's status. */
export async function holdPartner(
  admin: Admin,
  prefix: string,
  recipientId: string,
): Promise<void> {
  assertRecipientId(prefix, recipientId);
  await admin.createAcls({ acl: partnerHoldAcls(prefix, recipientId) });
}

/** Releases an operator hold; read access is back if the recipient is active. */
export async function releasePartner(
  admin: Admin,
  prefix: string,
  recipientId: string,
): Promise<void> {
  assertRecipientId(prefix, recipientId);
  await deleteExactly(admin, partnerHoldAcls(prefix, recipientId));
}

/** Deletes every ACL of the partner's principal, in every deployment (prefix). */
export async function removePartnerAcls(admin: Admin, recipientId: string): Promise<number> {
  const result = await admin.deleteAcls({
    filters: [
      {
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: principalOf(partnerUser(recipientId)),
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      },
    ],
  });
  return result.filterResponses.reduce((n, r) => n + r.matchingAcls.length, 0);
}

/** Every partner (principal `User:partner.<id>` with a membership ACL), for `prefix`. */
export async function listPartners(admin: Admin, prefix: string): Promise<PartnerAccess[]> {
  const { resources } = await admin.describeAcls(ANY_ACL);
  const entries = resources.flatMap((r) => r.acls.map((acl) => ({ ...r, ...acl })));
  const ids = new Set<string>();
  for (const e of entries) {
    const id = recipientOfPrincipal(e.principal);
    if (id !== null && has(entries, partnerMembershipAcls(id)[0])) ids.add(id);
  }
  return [...ids]
    .filter((id) => isTopicSafeRecipientId(id, prefix))
    .sort()
    .map((recipientId) => {
      const readGranted = partnerReadAcls(prefix, recipientId).every((a) => has(entries, a));
      const held = partnerHoldAcls(prefix, recipientId).some((a) => has(entries, a));
      return {
        recipientId,
        user: partnerUser(recipientId),
        topic: shareTopicFor(prefix, recipientId),
        groupPrefix: partnerGroupPrefix(recipientId),
        readGranted,
        held,
        canRead: readGranted && !held,
      };
    });
}

/**
 * Brings partners' read access in line with their recipients' status: READ while `active`,
 * none when `suspended` or unknown (never registered, deleted, or an invalid record: deny by
 * default). `only` limits the work to some recipients. Partners without credentials are skipped.
 */
export async function reconcilePartnerAccess(
  admin: Admin,
  prefix: string,
  statuses: ReadonlyMap<string, RecipientAccessStatus>,
  only?: readonly string[],
): Promise<PartnerChange[]> {
  const partners = await listPartners(admin, prefix);
  const changes: PartnerChange[] = [];
  for (const partner of partners) {
    if (only && !only.includes(partner.recipientId)) continue;
    const status = statuses.get(partner.recipientId) ?? 'unknown';
    const want = status === 'active';
    if (want && !partner.readGranted) await grantPartnerRead(admin, prefix, partner.recipientId);
    if (!want && partner.readGranted) await revokePartnerRead(admin, prefix, partner.recipientId);
    changes.push({
      recipientId: partner.recipientId,
      status,
      readGranted: want,
      changed: want !== partner.readGranted,
    });
  }
  return changes;
}

/**
 * For a consumer of `<prefix>recipients` (the gateway, `access sync --follow`): applies one
 * recipient's new status to its partner, if it has one. Null when the recipient has no partner.
 */
export async function applyRecipientStatus(
  admin: Admin,
  prefix: string,
  recipientId: string,
  status: RecipientAccessStatus,
): Promise<PartnerChange | null> {
  if (!isTopicSafeRecipientId(recipientId, prefix)) return null;
  const [change] = await reconcilePartnerAccess(admin, prefix, new Map([[recipientId, status]]), [
    recipientId,
  ]);
  return change ?? null;
}

const ANY_ACL: AclFilter = {
  resourceType: AclResourceTypes.ANY,
  resourcePatternType: ResourcePatternTypes.ANY,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
};

function has(entries: AclEntry[], wanted: AclEntry): boolean {
  return entries.some(
    (e) =>
      e.principal === wanted.principal &&
      e.host === wanted.host &&
      e.resourceType === wanted.resourceType &&
      e.resourceName === wanted.resourceName &&
      e.resourcePatternType === wanted.resourcePatternType &&
      e.operation === wanted.operation &&
      e.permissionType === wanted.permissionType,
  );
}

async function deleteExactly(admin: Admin, acls: AclEntry[]): Promise<void> {
  // An ACL entry with concrete values is a filter that matches exactly itself.
  await admin.deleteAcls({ filters: acls });
}
