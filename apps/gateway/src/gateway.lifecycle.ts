import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ONWARD_LOGGER, retryRetriable } from '@app/runtime';
import type { Logger } from 'pino';
import { TopicAdminService } from './kafka/topic-admin.service';
import { SharePipelineService } from './share-request/share-pipeline.service';
import { StateSyncService } from './state/state-sync.service';

/**
 * Start-up and shutdown in the one order that is safe: topics, then state caught up, then
 * the pipeline; on shutdown the pipeline first (its batch in flight finishes or aborts).
 */
@Injectable()
export class GatewayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly topics: TopicAdminService,
    private readonly state: StateSyncService,
    private readonly pipeline: SharePipelineService,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Right after topics are created the broker may still be electing their leaders: such
    // retriable conditions are retried; anything else stops the gateway.
    const onRetry = (err: unknown, attempt: number) =>
      this.logger.warn({ err, attempt }, 'start-up step failed with a retriable error; retrying');
    await retryRetriable(() => this.topics.ensureBaseTopics(), { onRetry });
    await retryRetriable(() => this.state.start(), { onRetry });
    await retryRetriable(() => this.pipeline.start(), { onRetry });
    this.logger.info('share pipeline running');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.pipeline.stop();
    await this.state.stop();
  }
}
