import { Inject, Injectable } from '@nestjs/common';
import type { Recipient } from '@app/contracts';
import { LatestByKey } from './latest-by-key';
import { SHARE_TOPIC_READINESS, type ShareTopicReadiness } from './state.constants';

/**
 * The recipients as last registered on the compacted recipients topic (all partitions). A
 * recipient is known to decisions only once its share topic exists: one that cannot be
 * delivered to is treated as unknown (deny), so no batch waits on a topic the broker refuses.
 */
@Injectable()
export class RecipientsRegistry extends LatestByKey<Recipient> {
  constructor(@Inject(SHARE_TOPIC_READINESS) private readonly shareTopics: ShareTopicReadiness) {
    super();
  }

  /** The recipient when registered and deliverable, else null (unknown: deny). */
  override get(recipientId: string): Recipient | null {
    const recipient = super.get(recipientId);
    return recipient && this.shareTopics.isReady(recipientId) ? recipient : null;
  }
}
