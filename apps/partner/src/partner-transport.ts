import { saslFromEnv } from '@app/runtime';
import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { partnerGroupId, type PartnerEnv } from './config/partner-env';

/** Largest fetch per partition: bounds the memory one poll can take. */
const MAX_BYTES_PER_PARTITION = 4 * 1024 * 1024;

/**
 * Options of `@nestjs/microservices`' Kafka transport for the partner: SCRAM credentials from
 * the env file `onward access partner add` wrote, a group under the partner's `<id>:` prefix
 * (no `-server` suffix: the broker's ACL names the prefix), read_committed (the gateway writes
 * shares in transactions), from the beginning of the topic, raw bytes (validated here, not
 * decoded by the transport).
 */
export function partnerKafkaOptions(env: PartnerEnv): NonNullable<KafkaOptions['options']> {
  return {
    postfixId: '',
    client: {
      clientId: env.KAFKA_CLIENT_ID ?? `onward-partner-${env.PARTNER_RECIPIENT_ID}`,
      brokers: env.KAFKA_BROKERS.split(','),
      sasl: saslFromEnv(env),
      connectionTimeout: env.KAFKA_CONNECTION_TIMEOUT_MS,
    },
    consumer: {
      groupId: partnerGroupId(env),
      readUncommitted: false,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    },
    subscribe: { fromBeginning: true },
    parser: { keepBinary: true },
  };
}

/** The transport server itself. */
export function partnerKafkaServer(env: PartnerEnv): ServerKafka {
  return new ServerKafka(partnerKafkaOptions(env));
}
