// Entry point of the partner reference integration: a NestJS microservice on the Kafka transport.
import 'reflect-metadata';
import { shareTopicFor } from '@app/contracts';
import {
  createLogger,
  InvalidEnvironmentError,
  logProcessWarnings,
  NestPinoLogger,
  validateEnv,
} from '@app/runtime';
import { NestFactory } from '@nestjs/core';
import { PartnerEnv } from './config/partner-env';
import { PartnerModule } from './partner.module';
import { partnerKafkaServer } from './partner-transport';

async function main(): Promise<void> {
  const logger = createLogger('partner');
  logProcessWarnings(logger);
  try {
    const env = validateEnv('partner', PartnerEnv, process.env);
    const app = await NestFactory.createMicroservice(PartnerModule.forRoot(env, logger), {
      strategy: partnerKafkaServer(env),
      logger: new NestPinoLogger(logger),
    });
    const stop = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'partner shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    await app.listen();
    const topic = shareTopicFor(env.ONWARD_TOPIC_PREFIX, env.PARTNER_RECIPIENT_ID);
    logger.info({ topic, store: env.PARTNER_DB_PATH }, 'partner listening');
  } catch (err: unknown) {
    // kafkajs names a refusal by its protocol type (TOPIC_AUTHORIZATION_FAILED, …).
    const type = (err as { type?: unknown }).type;
    const message =
      err instanceof InvalidEnvironmentError
        ? err.message
        : `partner failed to start: ${String(err)}${typeof type === 'string' ? ` (${type})` : ''}`;
    process.stderr.write(`${message}\n`);
    logger.flush();
    process.exit(1);
  }
}

void main();
