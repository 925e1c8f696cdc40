import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from '@app/runtime';
import {
  GATEWAY_READER_GROUP_STEMS,
  noticeAckTopicFor,
  shareTopicFor,
  topicNames,
} from '@app/contracts';

/**
 * The ACLs Onward provisions (issue 6), as data. Nothing here talks to Kafka: `partner-access`
 * and `provision` apply these entries with a kafkajs Admin. READ and WRITE imply DESCRIBE in
 * Kafka, so DESCRIBE is never granted on its own.
 */

/** What a deployment's ACLs are scoped to. */
export interface AccessScope {
  /** The topic prefix (`ONWARD_TOPIC_PREFIX`, default `privacy.`). */
  prefix: string;
  /** The gateway's consumer group (`GATEWAY_GROUP_ID`); also the stem of its transactional ids. */
  gatewayGroup: string;
  /** Group-id prefixes the auditor's consumers use (one throwaway group per run). */
  auditorGroupPrefixes: readonly string[];
}

/** The SCRAM users of the fixed principals. */
export const FIXED_USERS = Object.freeze({
  gateway: 'onward-gateway',
  auditor: 'onward-auditor',
  producer: 'onward-producer',
  compliance: 'onward-compliance',
  accounts: 'onward-accounts',
} as const);

/** A fixed principal and everything it is allowed. */
export interface PrincipalGrant {
  role: keyof typeof FIXED_USERS;
  user: string;
  acls: AclEntry[];
}

/** Default gateway group (the gateway's own default). */
export const DEFAULT_GATEWAY_GROUP = 'onward-gateway';
/**
 * Default auditor group prefixes: the stream consumer (`onward-auditor-<prefix>audit`), the
 * `verify` reader and the checkpoint witness (throwaway groups per run).
 */
export const DEFAULT_AUDITOR_GROUP_PREFIXES = Object.freeze([
  'onward-auditor-',
  'onward-verify-',
  'onward-witness-',
]);

/** `User:<name>`, the principal Kafka derives from a SASL user. */
export function principalOf(user: string): string {
  return `User:${user}`;
}

/** One ACL entry for any host. */
export function aclEntry(
  user: string,
  resourceType: AclResourceTypes,
  resourceName: string,
  pattern: ResourcePatternTypes.LITERAL | ResourcePatternTypes.PREFIXED,
  operation: AclOperationTypes,
  permission: AclPermissionTypes.ALLOW | AclPermissionTypes.DENY = AclPermissionTypes.ALLOW,
): AclEntry {
  return {
    principal: principalOf(user),
    host: '*',
    resourceType,
    resourceName,
    resourcePatternType: pattern,
    operation,
    permissionType: permission,
  };
}

const { TOPIC, GROUP, TRANSACTIONAL_ID } = AclResourceTypes;
const { LITERAL, PREFIXED } = ResourcePatternTypes;
const { READ, WRITE, CREATE, DESCRIBE_CONFIGS } = AclOperationTypes;

/** The ACLs of the gateway, auditor, producers and registry writers for `scope`. */
export function fixedGrants(scope: AccessScope): PrincipalGrant[] {
  const t = topicNames(scope.prefix);
  const gw = FIXED_USERS.gateway;
  const sharesPrefix = `${scope.prefix}shares.`;
  const gateway: AclEntry[] = [
    // The audit topic too: its own partitions are read back to recover a chain tip or tree.
    ...[t.shareRequests, t.recipients, t.subjects, t.audit].map((topic) =>
      aclEntry(gw, TOPIC, topic, LITERAL, READ),
    ),
    ...[t.audit, t.dlq, t.checkpoints].map((topic) => aclEntry(gw, TOPIC, topic, LITERAL, WRITE)),
    aclEntry(gw, TOPIC, sharesPrefix, PREFIXED, WRITE),
    // The gateway creates missing base topics at start and a share topic per new recipient.
    ...[t.shareRequests, t.recipients, t.subjects, t.audit, t.dlq, t.checkpoints].map((topic) =>
      aclEntry(gw, TOPIC, topic, LITERAL, CREATE),
    ),
    aclEntry(gw, TOPIC, sharesPrefix, PREFIXED, CREATE),
    aclEntry(gw, GROUP, scope.gatewayGroup, LITERAL, READ),
    // Its throwaway readers (state, audit tail and tree): `<group>.<reader>.<random>`.
    ...Object.values(GATEWAY_READER_GROUP_STEMS).map((stem) =>
      aclEntry(gw, GROUP, `${scope.gatewayGroup}${stem}`, PREFIXED, READ),
    ),
    // One transactional id per input partition: `<group>.<prefix>share-requests.<partition>`.
    aclEntry(gw, TRANSACTIONAL_ID, `${scope.gatewayGroup}.${t.shareRequests}.`, PREFIXED, WRITE),
  ];
  const au = FIXED_USERS.auditor;
  const auditor: AclEntry[] = [
    aclEntry(au, TOPIC, t.audit, LITERAL, READ),
    // Recipient history for the compliance reports.
    aclEntry(au, TOPIC, t.recipients, LITERAL, READ),
    // Whether the recipients topic stamps log-append time (else registration times are
    // producer-set and trusted less).
    aclEntry(au, TOPIC, t.recipients, LITERAL, DESCRIBE_CONFIGS),
    // The signed checkpoints, for the witness and `verify`.
    aclEntry(au, TOPIC, t.checkpoints, LITERAL, READ),
    // Every partner's notice acknowledgements (`<prefix>notice-acks.<recipientId>`, DESIGN §7).
    aclEntry(au, TOPIC, `${scope.prefix}notice-acks.`, PREFIXED, READ),
    ...scope.auditorGroupPrefixes.map((group) => aclEntry(au, GROUP, group, PREFIXED, READ)),
  ];
  return [
    { role: 'gateway', user: gw, acls: gateway },
    { role: 'auditor', user: au, acls: auditor },
    {
      role: 'producer',
      user: FIXED_USERS.producer,
      acls: [aclEntry(FIXED_USERS.producer, TOPIC, t.shareRequests, LITERAL, WRITE)],
    },
    {
      role: 'compliance',
      user: FIXED_USERS.compliance,
      acls: [aclEntry(FIXED_USERS.compliance, TOPIC, t.recipients, LITERAL, WRITE)],
    },
    {
      role: 'accounts',
      user: FIXED_USERS.accounts,
      acls: [aclEntry(FIXED_USERS.accounts, TOPIC, t.subjects, LITERAL, WRITE)],
    },
  ];
}

/** SCRAM user names of partners start with this, so they never collide with a fixed user. */
export const PARTNER_USER_PREFIX = 'partner.';

/**
 * Partner groups are `<recipientId>:<anything>`. The separator is outside the recipient-id
 * alphabet `[a-zA-Z0-9._-]`, so partner `acme`'s prefix `acme:` cannot cover `acme.eu:…`.
 */
export const PARTNER_GROUP_SEPARATOR = ':';

/** The SCRAM user of the partner that consumes `recipientId`'s topic. */
export function partnerUser(recipientId: string): string {
  return `${PARTNER_USER_PREFIX}${recipientId}`;
}

/** The recipient id of a partner principal (`User:partner.<id>`), or null for any other. */
export function recipientOfPrincipal(principal: string): string | null {
  const head = principalOf(PARTNER_USER_PREFIX);
  return principal.startsWith(head) && principal.length > head.length
    ? principal.slice(head.length)
    : null;
}

/** The group-id prefix a partner's consumers must use. */
export function partnerGroupPrefix(recipientId: string): string {
  return `${recipientId}${PARTNER_GROUP_SEPARATOR}`;
}

/** Membership: the partner may use groups `<recipientId>:…` (useless without topic read). */
export function partnerMembershipAcls(recipientId: string): AclEntry[] {
  return [
    aclEntry(partnerUser(recipientId), GROUP, partnerGroupPrefix(recipientId), PREFIXED, READ),
  ];
}

/** Read access to `<prefix>shares.<recipientId>`, held while the recipient is active. */
export function partnerReadAcls(prefix: string, recipientId: string): AclEntry[] {
  const topic = shareTopicFor(prefix, recipientId);
  return [aclEntry(partnerUser(recipientId), TOPIC, topic, LITERAL, READ)];
}

/**
 * Write access to `<prefix>notice-acks.<recipientId>`, where the partner acknowledges the
 * notices it received (DESIGN §7). Granted with the partner whatever the recipient's status: a
 * suspended recipient still holds data and must still be able to confirm its deletion. WRITE
 * implies DESCRIBE and, on Kafka 2.8+ (KIP-679), the idempotent producer's IdempotentWrite.
 */
export function partnerAckAcls(prefix: string, recipientId: string): AclEntry[] {
  const topic = noticeAckTopicFor(prefix, recipientId);
  return [aclEntry(partnerUser(recipientId), TOPIC, topic, LITERAL, WRITE)];
}

/**
 * An operator's hold: DENY ALL on the share topic, the acknowledgements topic and the
 * partner's groups. A DENY wins over any ALLOW, so a hold cuts access whatever the recipient's
 * status says, until released (held credentials may be stolen ones: they confirm nothing).
 */
export function partnerHoldAcls(prefix: string, recipientId: string): AclEntry[] {
  const user = partnerUser(recipientId);
  const { ALL } = AclOperationTypes;
  const { DENY } = AclPermissionTypes;
  return [
    aclEntry(user, TOPIC, shareTopicFor(prefix, recipientId), LITERAL, ALL, DENY),
    ...ackTopicOf(prefix, recipientId).map((topic) =>
      aclEntry(user, TOPIC, topic, LITERAL, ALL, DENY),
    ),
    aclEntry(user, GROUP, partnerGroupPrefix(recipientId), PREFIXED, ALL, DENY),
  ];
}

/** The partner's acknowledgements topic, or none when the id is too long to name one. */
function ackTopicOf(prefix: string, recipientId: string): string[] {
  try {
    return [noticeAckTopicFor(prefix, recipientId)];
  } catch {
    // A share topic name fits 5 characters more than an acks topic name: such a partner has
    // no acks topic (partner add refuses it), so there is nothing to hold there.
    return [];
  }
}
