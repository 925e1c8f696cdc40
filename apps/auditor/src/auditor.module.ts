import { type DynamicModule, Module } from '@nestjs/common';
import { topicNames, type TopicNames } from '@app/contracts';
import {
  createKafka,
  createMetricsRegistry,
  type Kafka,
  KafkaConnectionService,
  MetricsController,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
  ONWARD_METRICS,
} from '@app/runtime';
import type { Logger } from 'pino';
import { IngestStatus } from './audit-stream/ingest-status';
import { AuditorLifecycle } from './auditor.lifecycle';
import { AUDITOR_ACCESS_TOKEN, AUDITOR_TOPICS } from './auditor.constants';
import { EventsController } from './compliance/api/events.controller';
import { IntegrityController } from './compliance/api/integrity.controller';
import { RecipientsController } from './compliance/api/recipients.controller';
import { ReportsController } from './compliance/api/reports.controller';
import { SubjectsController } from './compliance/api/subjects.controller';
import { AccessToken } from './compliance/auth/access-token';
import { SessionStore } from './compliance/auth/session.store';
import { LoginController } from './compliance/page/login.controller';
import { PageActionsController } from './compliance/page/page-actions.controller';
import { PageController } from './compliance/page/page.controller';
import { DisclosuresService } from './compliance/reports/disclosures.service';
import { ReceiptsService } from './compliance/reports/receipts.service';
import { EventSearchService } from './compliance/reports/event-search.service';
import { IntegrityService } from './compliance/reports/integrity.service';
import { RecipientHistoryService } from './compliance/reports/recipient-history.service';
import { RecipientsReportService } from './compliance/reports/recipients-report.service';
import { ShineTheLightService } from './compliance/reports/shine-the-light.service';
import { readAccessToken } from './config/access-token';
import type { AuditorEnv } from './config/auditor-env';
import { HealthController } from './health/health.controller';
import {
  AUDIT_STORE,
  type AuditStore,
  INGEST_REPOSITORY,
  QUERY_REPOSITORY,
} from './store/audit-store';
import { openStore } from './store/open-store';
import { AuditorMetrics } from './telemetry/auditor.metrics';
import { ProofController } from './compliance/api/proof.controller';
import { AT_A_GLANCE_CONTROLLERS, AT_A_GLANCE_PROVIDERS } from './compliance/at-a-glance';
import { openWitnessContext, WITNESS_CONTEXT } from './witness/witness-context';
import { WitnessService } from './witness/witness.service';
import { NOTICE_CONTROLLERS, NOTICE_PROVIDERS } from './notices/notices.providers';

/** The auditor: verifies the audit stream and answers compliance questions. */
@Module({})
export class AuditorModule {
  /**
   * Builds the module from an already validated environment. The token is read here, so an
   * unreadable token file stops the auditor before it touches Kafka.
   */
  static forRoot(env: AuditorEnv, logger: Logger): DynamicModule {
    const token = new AccessToken(readAccessToken(env));
    if (!token.isConfigured()) {
      logger.warn('no AUDITOR_TOKEN or AUDITOR_TOKEN_FILE: every compliance route answers 401');
    }
    const topics = topicNames(env.ONWARD_TOPIC_PREFIX);
    return {
      module: AuditorModule,
      controllers: [
        HealthController,
        MetricsController,
        EventsController,
        SubjectsController,
        ReportsController,
        IntegrityController,
        RecipientsController,
        LoginController,
        PageController,
        PageActionsController,
        ProofController,
        ...AT_A_GLANCE_CONTROLLERS,
        ...NOTICE_CONTROLLERS,
      ],
      providers: [
        { provide: ONWARD_ENV, useValue: env },
        { provide: ONWARD_LOGGER, useValue: logger },
        { provide: ONWARD_KAFKA, useFactory: () => createKafka(env, 'onward-auditor', logger) },
        { provide: AUDITOR_TOPICS, useValue: topics },
        { provide: AUDITOR_ACCESS_TOKEN, useValue: token },
        { provide: ONWARD_METRICS, useFactory: () => createMetricsRegistry() },
        AuditorMetrics,
        {
          provide: AUDIT_STORE,
          inject: [ONWARD_KAFKA, AUDITOR_TOPICS],
          useFactory: (kafka: Kafka, t: TopicNames) =>
            openStore(
              kafka,
              { databaseUrl: env.AUDITOR_DATABASE_URL, dataDir: env.AUDITOR_DATA_DIR },
              t.audit,
              logger,
            ),
        },
        {
          provide: INGEST_REPOSITORY,
          inject: [AUDIT_STORE],
          useFactory: (s: AuditStore) => s.ingest,
        },
        {
          provide: QUERY_REPOSITORY,
          inject: [AUDIT_STORE],
          useFactory: (s: AuditStore) => s.query,
        },
        {
          provide: WITNESS_CONTEXT,
          // After the audit store: it migrates the database and checks whose it is.
          inject: [ONWARD_KAFKA, AUDITOR_TOPICS, AUDIT_STORE],
          useFactory: (kafka: Kafka, t: TopicNames) =>
            openWitnessContext(kafka, env, t.audit, logger),
        },
        WitnessService,
        { provide: IngestStatus, useValue: new IngestStatus() },
        { provide: SessionStore, useValue: new SessionStore() },
        KafkaConnectionService,
        EventSearchService,
        DisclosuresService,
        ReceiptsService,
        ShineTheLightService,
        RecipientsReportService,
        RecipientHistoryService,
        IntegrityService,
        ...AT_A_GLANCE_PROVIDERS,
        AuditorLifecycle,
        ...NOTICE_PROVIDERS,
      ],
    };
  }
}
