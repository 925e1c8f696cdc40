import { Module, type DynamicModule } from '@nestjs/common';
import {
  createKafka,
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
} from '@app/runtime';
import type { Logger } from 'pino';
import type { GatewayEnv } from './config/gateway-env';
import { HealthController } from './health/health.controller';

/** The gateway: consumes share requests, decides, delivers and audits them. */
@Module({})
export class GatewayModule {
  /** Builds the module from an already validated environment. */
  static forRoot(env: GatewayEnv, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [HealthController],
      providers: [
        { provide: ONWARD_ENV, useValue: env },
        { provide: ONWARD_LOGGER, useValue: logger },
        { provide: ONWARD_KAFKA, useFactory: () => createKafka(env, 'onward-gateway', logger) },
        KafkaConnectionService,
      ],
    };
  }
}
