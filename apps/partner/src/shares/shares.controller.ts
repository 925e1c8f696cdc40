import { MESSAGE_TYPE_HEADER, noticeAckTopicFor } from '@app/contracts';
import { Controller, type Type } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import type { PartnerEnv } from '../config/partner-env';
import { ProducerNoticeAcks } from '../notices/producer-notice-acks';
import type { InboxOutcome } from './inbox-record';
import { ShareInboxService } from './share-inbox.service';

/**
 * The Kafka transport's handler of the partner's share topic. Nest subscribes to the topics
 * its patterns name, and the topic depends on the configured recipient, so the controller is
 * made for that topic when the module is built. It only adapts: the record's position, key,
 * message type and raw bytes go to the inbox (the transport's JSON decoding is off).
 */
export function sharesControllerFor(env: PartnerEnv, topic: string): Type<unknown> {
  const ackTopic = noticeAckTopicFor(env.ONWARD_TOPIC_PREFIX, env.PARTNER_RECIPIENT_ID);

  @Controller()
  class SharesController {
    constructor(readonly inbox: ShareInboxService) {}

    @EventPattern(topic)
    handle(@Ctx() context: KafkaContext): Promise<InboxOutcome> {
      const message = context.getMessage();
      const key = message.key as unknown;
      return this.inbox.receive(
        {
          partition: context.getPartition(),
          offset: message.offset,
          key: typeof key === 'string' ? key : null,
          messageType: message.headers?.[MESSAGE_TYPE_HEADER],
          value: Buffer.isBuffer(message.value) ? message.value : null,
        },
        new ProducerNoticeAcks(context.getProducer(), ackTopic),
      );
    }
  }
  return SharesController;
}
