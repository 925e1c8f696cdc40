import { type Admin, TopicAdmin } from '@app/runtime';
import { noticeAckTopicFor } from '@app/contracts';
import { listPartners } from './partner-access';
import { partnerAckAcls } from './access-acls';

/**
 * A partner's acknowledgements topic (DESIGN §7): `<prefix>notice-acks.<recipientId>`, made by
 * `onward access` (the super-user), written only by that partner, read by the auditor.
 * Acknowledgements are plain, non-transactional records: the auditor keeps every one, keyed by
 * its offset, so a duplicate of a retried send is harmless.
 */

/** One partition: acknowledgements are few, and their order across notices means nothing. */
const ACK_TOPIC_PARTITIONS = 1;

/** Creates the partner's acknowledgements topic if missing and grants it WRITE (idempotent). */
export async function provisionNoticeAcks(
  admin: Admin,
  prefix: string,
  recipientId: string,
): Promise<string> {
  const topic = noticeAckTopicFor(prefix, recipientId);
  // Created by a concurrent `partner add` meanwhile: fine either way.
  await TopicAdmin.over(admin).ensureTopics([{ topic, partitions: ACK_TOPIC_PARTITIONS }]);
  await admin.createAcls({ acl: partnerAckAcls(prefix, recipientId) });
  return topic;
}

/** For `access provision`: the acknowledgements topic and grant of every existing partner. */
export async function provisionAllNoticeAcks(
  admin: Admin,
  prefix: string,
): Promise<{ recipientId: string; ackTopic: string | null }[]> {
  const out = [];
  for (const { recipientId } of await listPartners(admin, prefix)) {
    // An id that fits a share topic but not an acks topic (5 characters longer) gets none.
    const fits = ackTopicFits(prefix, recipientId);
    out.push({
      recipientId,
      ackTopic: fits ? await provisionNoticeAcks(admin, prefix, recipientId) : null,
    });
  }
  return out;
}

/** Whether `recipientId` can name an acknowledgements topic under `prefix`. */
export function ackTopicFits(prefix: string, recipientId: string): boolean {
  try {
    noticeAckTopicFor(prefix, recipientId);
    return true;
  } catch {
    return false;
  }
}
