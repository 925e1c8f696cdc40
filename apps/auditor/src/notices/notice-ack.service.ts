import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Kafka, ONWARD_ENV, ONWARD_KAFKA, ONWARD_LOGGER } from '@app/runtime';
import type { Logger } from 'pino';
import type { AuditorEnv } from '../config/auditor-env';
import { NoticeAckConsumer } from './notice-ack-consumer';
import { NoticeAckStatus } from './notice-ack-status';
import { NOTICE_REPOSITORY, type NoticeRepository } from './notice.types';

/** Runs the acknowledgements reader from start-up to shutdown (before the store closes). */
@Injectable()
export class NoticeAckService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: NoticeAckConsumer;

  constructor(
    @Inject(ONWARD_KAFKA) kafka: Kafka,
    @Inject(ONWARD_ENV) env: AuditorEnv,
    @Inject(NOTICE_REPOSITORY) repo: NoticeRepository,
    @Inject(ONWARD_LOGGER) logger: Logger,
    status: NoticeAckStatus,
  ) {
    this.consumer = new NoticeAckConsumer(kafka, env.ONWARD_TOPIC_PREFIX, repo, logger, status, {
      refreshMs: env.AUDITOR_NOTICE_ACK_REFRESH_MS,
      maxTopics: env.AUDITOR_NOTICE_ACK_MAX_TOPICS,
    });
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
