/**
 * Infrastructure both apps share: environment validation, the Kafka client, logging, metrics
 * and the tracing switch. Starting the tracing SDK has its own entry, `@app/runtime/telemetry`.
 */
export * from './runtime.constants';
export * from './env/invalid-environment.error';
export * from './env/validate-env';
export * from './env/env-transforms';
export * from './kafka/kafka-env';
export * from './kafka/create-kafka';
export * from './kafka/kafka-connection.service';
export * from './kafka/stream-record';
export * from './kafka/partition-range';
export * from './kafka/partition-range.reader';
export * from './logging/create-logger';
export * from './logging/nest-pino-logger';
export * from './logging/process-warnings';
export * from './metrics/metrics-registry';
export * from './metrics/metrics.controller';
export { isTracingEnabled } from './telemetry/start-telemetry';
export * from './start/start-nest-app';
export * from './config/configuration.error';
export * from './config/policy-source';
export * from './config/pseudonym-key';
export * from './errors/onward-error';
export * from './errors/classify-error';
export * from './retry/retry-retriable';
export * from './kafka/topic-admin';
export * from './kafka/transactional/outgoing-message';
export * from './kafka/transactional/partition-sends';
export * from './kafka/transactional/send-chunks';
export * from './kafka/transactional/transaction-failed.error';
export * from './kafka/transactional/transactional-writer';
export * from './kafka/follower.types';
export * from './kafka/follower';
export * from './kafka/follower-errors';
export * from './kafka/kafka-client';
