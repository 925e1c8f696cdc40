import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { TopicNames } from '@app/contracts';
import {
  type Kafka,
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
} from '@app/runtime';
import type { Logger } from 'pino';
import { IngestService } from './audit-stream/ingest.service';
import { IngestStatus } from './audit-stream/ingest-status';
import { StreamConsumer } from './audit-stream/stream-consumer';
import { AuditorMetrics } from './telemetry/auditor.metrics';
import { AUDITOR_TOPICS } from './auditor.constants';
import type { AuditorEnv } from './config/auditor-env';
import { AUDIT_STORE, type AuditStore } from './store/audit-store';

/**
 * Starts the ingest once the app is up, without holding up HTTP: the API serves what the
 * store holds while the topics do not exist yet or the stream is being caught up. Shutdown:
 * the ingest first (its batch in flight is stored), then the store.
 */
@Injectable()
export class AuditorLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly ingest: IngestService;
  private started: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(ONWARD_KAFKA) kafka: Kafka,
    @Inject(ONWARD_ENV) env: AuditorEnv,
    @Inject(AUDITOR_TOPICS) topics: TopicNames,
    @Inject(AUDIT_STORE) private readonly store: AuditStore,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    private readonly connection: KafkaConnectionService,
    status: IngestStatus,
    metrics: AuditorMetrics,
  ) {
    // Shared store: the auditors split the partitions in one group. SQLite: a group of one.
    const group = store.shared
      ? {
          groupId: env.AUDITOR_GROUP_ID ?? `onward-auditor-${topics.audit}`,
          sessionTimeoutMs: env.AUDITOR_SESSION_TIMEOUT_MS,
        }
      : {};
    this.ingest = new IngestService({
      topics,
      store: store.ingest,
      consumer: new StreamConsumer(kafka, [topics.audit, topics.recipients], logger, group),
      owner: `${hostname()}/${process.pid}`,
      logger,
      options: { holdMs: env.AUDITOR_HOLD_MS, topicWaitMs: 1000 },
      status,
      metrics,
    });
  }

  onApplicationBootstrap(): void {
    this.logger.info(
      { store: this.store.location, shared: this.store.shared },
      this.store.shared ? 'audit store open (shared by the auditor group)' : 'audit store open',
    );
    this.started = this.ingest.start(this.connection.adminClient()).catch((error: unknown) => {
      this.logger.error({ err: error }, 'the audit stream ingest could not start');
      return this.ingest.fail();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.ingest.stop();
    await this.started;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
