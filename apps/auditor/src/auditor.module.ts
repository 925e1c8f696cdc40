import { Module, type DynamicModule } from '@nestjs/common';
import {
  createKafka,
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
} from '@app/runtime';
import type { Logger } from 'pino';
import type { AuditorEnv } from './config/auditor-env';
import { HealthController } from './health/health.controller';

/** The auditor: verifies the audit stream and answers compliance questions. */
@Module({})
export class AuditorModule {
  /** Builds the module from an already validated environment. */
  static forRoot(env: AuditorEnv, logger: Logger): DynamicModule {
    return {
      module: AuditorModule,
      controllers: [HealthController],
      providers: [
        { provide: ONWARD_ENV, useValue: env },
        { provide: ONWARD_LOGGER, useValue: logger },
        { provide: ONWARD_KAFKA, useFactory: () => createKafka(env, 'onward-auditor', logger) },
        KafkaConnectionService,
      ],
    };
  }
}
