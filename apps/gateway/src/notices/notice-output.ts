import {
  appendToChain,
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
import type { Message, TopicMessages } from 'kafkajs';

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
  const byTopic = new Map<string, Message[]>();
  const push = (topic: string, message: Message) =>
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
  const events: AuditEvent[] = [];
  let current = tip;
  for (const { subjectId, notice } of notices) {
    const text = canonicalJson(notice);
    const digest = sha256OfText(text);
    const event = appendToChain(current, partition, auditBodyOf(subjectId, notice, digest));
    current = tipOf(event);
    events.push(event);
    push(topics.audit, {
      partition,
      key: subjectId,
      value: Buffer.from(JSON.stringify(event), 'utf8'),
    });
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
