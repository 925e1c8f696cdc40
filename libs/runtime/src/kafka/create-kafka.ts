import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import type { KafkaEnv } from './kafka-env';

/**
 * The one place an app builds its kafkajs client. kafkajs is frozen upstream, so the rest
 * of the code reaches it through adapters that take this instance.
 */
export function createKafka(env: KafkaEnv, defaultClientId: string, logger: Logger): Kafka {
  // kafkajs 2's default partitioner is Java's murmur2, which is what co-partitioning by
  // subjectId across clients needs; its one-time notice about the change is noise here.
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({
    clientId: env.KAFKA_CLIENT_ID ?? defaultClientId,
    brokers: env.KAFKA_BROKERS.split(','),
    connectionTimeout: env.KAFKA_CONNECTION_TIMEOUT_MS,
    sasl: saslFromEnv(env),
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => logKafka(logger, entry),
  });
}

/** SASL options from the KAFKA_SASL_* variables; undefined when no mechanism is set. */
export function saslFromEnv(
  env: Pick<
    KafkaEnv,
    | 'KAFKA_SASL_MECHANISM'
    | 'KAFKA_SASL_USERNAME'
    | 'KAFKA_SASL_PASSWORD'
    | 'KAFKA_SASL_PASSWORD_FILE'
  >,
): SASLOptions | undefined {
  if (!env.KAFKA_SASL_MECHANISM) return undefined;
  const password = env.KAFKA_SASL_PASSWORD_FILE
    ? readFileSync(env.KAFKA_SASL_PASSWORD_FILE, 'utf8').trim()
    : (env.KAFKA_SASL_PASSWORD ?? '');
  const username = env.KAFKA_SASL_USERNAME ?? '';
  switch (env.KAFKA_SASL_MECHANISM) {
    case 'PLAIN':
      return { mechanism: 'plain', username, password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

function logKafka(logger: Logger, { level, label, log }: LogEntry): void {
  // kafkajs log entries carry broker, topic and error text; never message payloads.
  const { message, ...rest } = log;
  const entry = { kafka: label, ...rest };
  // kafkajs logs every failed response at ERROR, retried ones too (a coordinator still
  // loading at start-up); a failure that outlives its retries reaches our code and is logged there.
  if (typeof message === 'string' && message.startsWith('Response ')) logger.debug(entry, message);
  else if (level === logLevel.ERROR) logger.error(entry, message);
  else if (level === logLevel.WARN) logger.warn(entry, message);
  else logger.debug(entry, message);
}
