import { Inject, Injectable } from '@nestjs/common';
import type { Recipient } from '@app/contracts';
import { StateStore } from './state-store';
import { SHARE_TOPIC_READINESS, type ShareTopicReadiness } from './state.constants';

/**
 * The recipients as last registered on the compacted recipients topic (all partitions, on
 * every instance). A recipient is known to decisions only once its share topic exists: one that
 * cannot be delivered to is treated as unknown (deny), so no batch waits on a topic the broker
 * refuses.
 */
@Injectable()
export class RecipientsRegistry {
  constructor(
    private readonly store: StateStore,
    @Inject(SHARE_TOPIC_READINESS) private readonly shareTopics: ShareTopicReadiness,
  ) {}

  /** The recipient when registered and deliverable, else null (unknown: deny). */
  get(recipientId: string): Recipient | null {
    const recipient = this.store.get<Recipient>('recipients', recipientId);
    return recipient && this.shareTopics.isReady(recipientId) ? recipient : null;
  }
}
