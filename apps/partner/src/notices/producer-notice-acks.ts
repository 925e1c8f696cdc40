import type { Producer } from '@app/runtime';
import type { NoticeAck, NoticeAcks } from './subject-notice';

/** Sends acknowledgements with the Kafka transport's own producer, acks=all. */
export class ProducerNoticeAcks implements NoticeAcks {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  async send(ack: NoticeAck): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [{ key: ack.noticeId, value: JSON.stringify(ack) }],
    });
  }
}
