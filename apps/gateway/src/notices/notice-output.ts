import {
  appendToChainCanonical,
  canonicalJson,
  eventIdFor,
  MESSAGE_TYPE_HEADER,
  MESSAGE_TYPES,
  sha256OfText,
  shareTopicFor,
  tipOf,
  type AuditEvent,
  type AuditEventBody,
  type ChainTip,
  type SubjectNotice,
  type TopicNames,
} from '@app/contracts';
import type { OutgoingMessage, TopicMessages } from '@app/runtime';

/** Header carrying the noticeId, so recipients can deduplicate without parsing. */
export const NOTICE_ID_HEADER = 'onward.notice-id';

/** A planned notice and the subject it is about (never written into the notice itself). */
export interface AddressedNotice {
  subjectId: string;
  notice: SubjectNotice;
}

/** A batch of notices ready for one transaction, and the chain tip after their events. */
export interface ChainedNotices {
  topicMessages: TopicMessages[];
  events: AuditEvent[];
  /** Each event's canonical bytes, hash included: the audit record value and the Merkle leaf. */
  leaves: Buffer[];
  tip: ChainTip | null;
}

/**
 * Each notice as a record of its recipient's topic (key = the subjectRef it received) and a
 * `notice.sent` event extending the audit chain of `partition`, in order.
 */
export function chainNotices(
  topics: TopicNames,
  prefix: string,
  partition: number,
  tip: ChainTip | null,
  notices: readonly AddressedNotice[],
): ChainedNotices {
  const byTopic = new Map<string, OutgoingMessage[]>();
  const push = (topic: string, message: OutgoingMessage): void => {
    const list = byTopic.get(topic);
    if (list) list.push(message);
    else byTopic.set(topic, [message]);
  };
  const events: AuditEvent[] = [];
  const leaves: Buffer[] = [];
  let current = tip;
  for (const { subjectId, notice } of notices) {
    const text = canonicalJson(notice);
    const digest = sha256OfText(text);
    const body = auditBodyOf(subjectId, notice, digest);
    const { event, canonical } = appendToChainCanonical(current, partition, body);
    current = tipOf(event);
    events.push(event);
    const leaf = Buffer.from(canonical, 'utf8');
    leaves.push(leaf);
    push(topics.audit, { partition, key: subjectId, value: leaf });
    push(shareTopicFor(prefix, notice.recipientId), {
      key: notice.subjectRef,
      value: Buffer.from(text, 'utf8'),
      headers: {
        [MESSAGE_TYPE_HEADER]: MESSAGE_TYPES.notice,
        [NOTICE_ID_HEADER]: notice.noticeId,
      },
    });
  }
  return {
    topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    events,
    leaves,
    tip: current,
  };
}

/** The `notice.sent` event of a notice: ids, kind, purposes, categories, digest; no values. */
export function auditBodyOf(
  subjectId: string,
  notice: SubjectNotice,
  digest: string,
): AuditEventBody {
  return {
    eventId: eventIdFor({ noticeId: notice.noticeId }),
    type: 'notice.sent',
    requestId: null,
    subjectId,
    recipientId: notice.recipientId,
    purpose: null,
    producer: null,
    decision: 'notice',
    reasons: [],
    fieldsShared: [],
    fieldsWithheld: [],
    categoriesShared: notice.categories,
    transferMechanism: null,
    directMarketing: false,
    shareId: null,
    payloadDigest: null,
    policy: notice.policy,
    decidedAt: notice.noticedAt,
    notice: {
      noticeId: notice.noticeId,
      kind: notice.kind,
      cause: notice.cause,
      purposes: notice.purposes,
      digest,
    },
  };
}
