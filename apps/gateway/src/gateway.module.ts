import { join, resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { topicNames } from '@app/contracts';
import {
  createKafka,
  createMetricsRegistry,
  isTracingEnabled,
  KafkaConnectionService,
  MetricsController,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
  ONWARD_METRICS,
  readPolicy,
  resolvePseudonymKey,
} from '@app/runtime';
import type { Logger } from 'pino';
import {
  GATEWAY_CHECKPOINT_KEY,
  GATEWAY_POLICY,
  GATEWAY_PSEUDONYM_KEY,
  GATEWAY_TOPICS,
  GATEWAY_TRACING,
} from './config/gateway-config.constants';
import type { GatewayEnv } from './config/gateway-env';
import { GatewayLifecycle } from './gateway.lifecycle';
import { HealthController } from './health/health.controller';
import { TopicAdminService } from './kafka/topic-admin.service';
import { SharePipelineService } from './share-request/share-pipeline.service';
import { ShareRequestProcessor } from './share-request/share-request.processor';
import { RecipientsRegistry } from './state/recipients.registry';
import { ShareTopicsService } from './state/share-topics.service';
import { SHARE_TOPIC_READINESS } from './state/state.constants';
import { StateMetrics } from './state/state.metrics';
import { StateStore } from './state/state-store';
import { StateSyncService } from './state/state-sync.service';
import { SubjectsRegistry } from './state/subjects.registry';
import { GatewayMetrics } from './telemetry/gateway.metrics';
import { PipelineTracer } from './telemetry/pipeline-tracer';
import { CheckpointService } from './transparency/checkpoint.service';
import { NoticeMetrics } from './notices/notice.metrics';
import { NoticePipelineService } from './notices/notice-pipeline.service';
import { PastRecipientIndexer } from './notices/past-recipient.indexer';
import { NoticeState } from './state/notice-state';
import { resolveCheckpointKey } from './transparency/checkpoint-key';

/** The gateway: consumes share requests, decides, delivers and audits them. */
@Module({})
export class GatewayModule {
  /**
   * Builds the module from an already validated environment. The policy file and the
   * pseudonym key are read here, so a broken one stops the gateway before it touches Kafka.
   */
  static forRoot(env: GatewayEnv, logger: Logger): DynamicModule {
    const policy = env.ONWARD_POLICY_FILE ? readPolicy(env.ONWARD_POLICY_FILE) : readPolicy();
    // The gateway takes its key from ONWARD_PSEUDONYM_KEY_FILE or ONWARD_PSEUDONYM_KEY only:
    // no development key, no command-line secret.
    const pseudonymKey = resolvePseudonymKey(
      {},
      {
        ONWARD_PSEUDONYM_KEY: env.ONWARD_PSEUDONYM_KEY,
        ONWARD_PSEUDONYM_KEY_FILE: env.ONWARD_PSEUDONYM_KEY_FILE,
      },
    );
    const checkpointKey = resolveCheckpointKey(env);
    logger.info({ policy: policy.ref }, 'policy loaded');
    return {
      module: GatewayModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: ONWARD_ENV, useValue: env },
        { provide: ONWARD_LOGGER, useValue: logger },
        { provide: ONWARD_KAFKA, useFactory: () => createKafka(env, 'onward-gateway', logger) },
        { provide: GATEWAY_POLICY, useValue: policy },
        { provide: GATEWAY_PSEUDONYM_KEY, useValue: pseudonymKey },
        { provide: GATEWAY_CHECKPOINT_KEY, useValue: checkpointKey },
        { provide: GATEWAY_TOPICS, useValue: topicNames(env.ONWARD_TOPIC_PREFIX) },
        { provide: GATEWAY_TRACING, useFactory: () => isTracingEnabled() },
        { provide: ONWARD_METRICS, useFactory: () => createMetricsRegistry() },
        KafkaConnectionService,
        TopicAdminService,
        { provide: StateStore, useFactory: () => createStateStore(env) },
        ShareTopicsService,
        { provide: SHARE_TOPIC_READINESS, useExisting: ShareTopicsService },
        RecipientsRegistry,
        SubjectsRegistry,
        StateSyncService,
        ShareRequestProcessor,
        PipelineTracer,
        GatewayMetrics,
        CheckpointService,
        StateMetrics,
        NoticeState,
        NoticeMetrics,
        PastRecipientIndexer,
        NoticePipelineService,
        SharePipelineService,
        GatewayLifecycle,
      ],
    };
  }
}

/** The instance's state store, at GATEWAY_STATE_DIR or `.onward/gateway-state/<group>`. */
function createStateStore(env: GatewayEnv): StateStore {
  const dir = env.GATEWAY_STATE_DIR ?? join('.onward', 'gateway-state', env.GATEWAY_GROUP_ID);
  const topics = topicNames(env.ONWARD_TOPIC_PREFIX);
  return new StateStore(resolve(dir), { recipients: topics.recipients, subjects: topics.subjects });
}
