/**
 * Topic names (DESIGN §2) and the header names Onward writes. Every topic name is built here
 * from the configurable prefix, so that no app spells a topic itself.
 */

/** The prefix used when `ONWARD_TOPIC_PREFIX` is not set. */
export const DEFAULT_TOPIC_PREFIX = 'privacy.';

/** Kafka's limit on the length of a topic name. */
export const MAX_TOPIC_NAME_LENGTH = 249;

const TOPIC_CHARS = /^[a-zA-Z0-9._-]*$/;
const SHARES_INFIX = 'shares.';
const NOTICE_ACKS_INFIX = 'notice-acks.';

/** The fixed topics of one deployment. */
export interface TopicNames {
  /** `<prefix>share-requests`: input, keyed by subjectId. */
  shareRequests: string;
  /** `<prefix>recipients`: compacted, keyed by recipientId. */
  recipients: string;
  /** `<prefix>subjects`: compacted, keyed by subjectId, co-partitioned with share requests. */
  subjects: string;
  /** `<prefix>audit`: the hash-chained audit stream, same partition count as the input. */
  audit: string;
  /** `<prefix>share-requests.dlq`: unreadable requests, original bytes plus error headers. */
  dlq: string;
  /** `<prefix>checkpoints`: signed tree heads of the audit partitions (DESIGN §7), keyed by partition. */
  checkpoints: string;
}

/** True when `prefix` is made of topic characters only (it may be empty). */
export function isValidTopicPrefix(prefix: string): boolean {
  return TOPIC_CHARS.test(prefix) && prefix.length + SHARES_INFIX.length < MAX_TOPIC_NAME_LENGTH;
}

function assertPrefix(prefix: string): void {
  // A bad prefix is configuration, not input: refuse to start rather than invent a topic.
  if (!isValidTopicPrefix(prefix)) throw new RangeError('topic prefix has invalid characters');
}

/** The fixed topic names for `prefix` (default `privacy.`). Throws RangeError on a bad prefix. */
export function topicNames(prefix: string = DEFAULT_TOPIC_PREFIX): TopicNames {
  assertPrefix(prefix);
  return Object.freeze({
    shareRequests: `${prefix}share-requests`,
    recipients: `${prefix}recipients`,
    subjects: `${prefix}subjects`,
    audit: `${prefix}audit`,
    dlq: `${prefix}share-requests.dlq`,
    checkpoints: `${prefix}checkpoints`,
  });
}

/**
 * True when `recipientId` can name a share topic under `prefix`: only `[a-zA-Z0-9._-]`, not
 * empty, and `<prefix>shares.<recipientId>` within 249 characters.
 */
export function isTopicSafeRecipientId(
  recipientId: string,
  prefix: string = DEFAULT_TOPIC_PREFIX,
): boolean {
  return (
    typeof recipientId === 'string' &&
    recipientId.length > 0 &&
    TOPIC_CHARS.test(recipientId) &&
    isValidTopicPrefix(prefix) &&
    prefix.length + SHARES_INFIX.length + recipientId.length <= MAX_TOPIC_NAME_LENGTH
  );
}

/**
 * `<prefix>shares.<recipientId>`, the recipient's own topic. Throws RangeError when the id is
 * not topic-safe: a share must never be written to a topic other than its recipient's.
 */
export function shareTopicFor(prefix: string, recipientId: string): string {
  assertPrefix(prefix);
  if (!isTopicSafeRecipientId(recipientId, prefix)) {
    throw new RangeError('recipientId cannot be part of a topic name');
  }
  return `${prefix}${SHARES_INFIX}${recipientId}`;
}

/**
 * `<prefix>notice-acks.<recipientId>`, where a recipient acknowledges notices (DESIGN §7); only
 * that recipient may write it. Throws RangeError when the id is not topic-safe or too long.
 */
export function noticeAckTopicFor(prefix: string, recipientId: string): string {
  shareTopicFor(prefix, recipientId);
  const topic = `${prefix}${NOTICE_ACKS_INFIX}${recipientId}`;
  if (topic.length > MAX_TOPIC_NAME_LENGTH) {
    throw new RangeError('recipientId is too long for a notice-acks topic');
  }
  return topic;
}

/** Headers of a DLQ record: why it was refused and where it came from. */
export const DLQ_HEADERS = Object.freeze({
  /** The parse error code and lines (paths and constraints only, never values). */
  error: 'onward.error',
  /** The partition of the refused input record. */
  sourcePartition: 'onward.source.partition',
  /** The offset of the refused input record. */
  sourceOffset: 'onward.source.offset',
} as const);

/** Headers of a Share record. */
export const SHARE_HEADERS = Object.freeze({
  /** The deterministic shareId, so consumers can deduplicate without parsing. */
  shareId: 'onward.share-id',
  /** The version of the policy that allowed the share. */
  policyVersion: 'onward.policy-version',
  /** W3C trace context of the decision. */
  traceparent: 'traceparent',
} as const);
