// Real clients trying things on the secured broker, reporting what the broker answered.
import { ConfigResourceTypes, logLevel, type Kafka, type LogEntry } from 'kafkajs';
import { kafkaErrorType } from '../../apps/cli/src/access/kafka-error-type';
import type { SecureBroker } from '../support/secure-broker';
import { waitFor } from '../support/wait-for';

/** How an attempt ended: the broker error type, or null when it succeeded. */
export interface Outcome {
  /** e.g. TOPIC_AUTHORIZATION_FAILED; null: allowed. */
  errorType: string | null;
  /** The kafkajs error class, e.g. KafkaJSGroupCoordinatorNotFound. */
  errorName: string | null;
  /** Values consumed (consume attempts only). */
  values: string[];
}

const ok = (values: string[] = []): Outcome => ({ errorType: null, errorName: null, values });

/** A client of `user` that also records the broker error types kafkajs only logs. */
function probingClient(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
): { kafka: Kafka; loggedTypes: string[] } {
  const loggedTypes: string[] = [];
  // kafkajs hides why it found no group coordinator (FindCoordinator refused with
  // GROUP_AUTHORIZATION_FAILED) behind KafkaJSGroupCoordinatorNotFound, but logs the cause.
  const logCreator = () => (entry: LogEntry) => {
    const type = kafkaErrorType((entry.log as { error?: unknown }).error);
    if (type) loggedTypes.push(type);
  };
  const kafka = broker.clientOf(secretsDir, user, { logLevel: logLevel.DEBUG, logCreator });
  return { kafka, loggedTypes };
}

function failed(error: unknown, loggedTypes: string[]): Outcome {
  const errorType =
    kafkaErrorType(error) ?? loggedTypes.find((t) => t.endsWith('AUTHORIZATION_FAILED')) ?? null;
  const errorName = (error as { name?: string }).name ?? 'Error';
  return { errorType, errorName, values: [] };
}

/** `user` produces one record to `topic` (acks=all). */
export async function tryProduce(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
  topic: string,
  value = 'probe',
  idempotent = false,
): Promise<Outcome> {
  const { kafka, loggedTypes } = probingClient(broker, secretsDir, user);
  const producer = kafka.producer(
    idempotent ? { idempotent, maxInFlightRequests: 1, retry: { retries: 2 } } : {},
  );
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'probe', value }] });
    return ok();
  } catch (error) {
    return failed(error, loggedTypes);
  } finally {
    await producer.disconnect();
  }
}

/** `user` opens a transaction with `transactionalId` and writes one record to `topic`. */
export async function tryTransactionalProduce(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
  transactionalId: string,
  topic: string,
): Promise<Outcome> {
  const { kafka, loggedTypes } = probingClient(broker, secretsDir, user);
  const producer = kafka.producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 5000,
    retry: { retries: 2 },
  });
  try {
    await producer.connect();
    const tx = await producer.transaction();
    try {
      await tx.send({ topic, messages: [{ key: 'probe', value: 'probe' }] });
      await tx.commit();
    } catch (error) {
      await tx.abort().catch(() => undefined);
      throw error;
    }
    return ok();
  } catch (error) {
    return failed(error, loggedTypes);
  } finally {
    await producer.disconnect();
  }
}

/** Options of {@link tryConsume}. */
export interface ConsumeOptions {
  /** Succeeds once this many values were read (default 1). */
  expect?: number;
  timeoutMs?: number;
}

/**
 * `user` reads `topic` from the beginning in `groupId` until it has `expect` values, or the
 * consumer is refused (subscribe fails, or the running consumer crashes).
 */
export async function tryConsume(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
  topic: string,
  groupId: string,
  { expect = 1, timeoutMs = 30_000 }: ConsumeOptions = {},
): Promise<Outcome> {
  const { kafka, loggedTypes } = probingClient(broker, secretsDir, user);
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 500,
    retry: { retries: 0, restartOnFailure: async () => false },
  });
  const values: string[] = [];
  let crash: unknown;
  consumer.on(consumer.events.CRASH, ({ payload }) => (crash = payload.error));
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value?.toString() ?? '');
      },
    });
    await waitFor(() => crash !== undefined || values.length >= expect, {
      timeoutMs,
      what: `${user} reading ${topic} (${expect} values, or a refusal)`,
    });
    return crash === undefined ? ok(values) : failed(crash, loggedTypes);
  } catch (error) {
    return failed(error, loggedTypes);
  } finally {
    await consumer.disconnect();
  }
}

/** `user` asks for the end offsets of `topic` (needs DESCRIBE on it). */
export async function tryDescribe(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
  topic: string,
): Promise<Outcome> {
  const { kafka, loggedTypes } = probingClient(broker, secretsDir, user);
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.fetchTopicOffsets(topic);
    return ok();
  } catch (error) {
    return failed(error, loggedTypes);
  } finally {
    await admin.disconnect();
  }
}

/** `user` reads `topic`'s `message.timestamp.type` (needs DESCRIBE_CONFIGS); the value in `values`. */
export async function tryDescribeConfigs(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
  topic: string,
): Promise<Outcome> {
  const { kafka, loggedTypes } = probingClient(broker, secretsDir, user);
  const admin = kafka.admin();
  const name = 'message.timestamp.type';
  try {
    await admin.connect();
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
    });
    const entry = described.resources[0]?.configEntries.find((e) => e.configName === name);
    return ok([entry?.configValue ?? '']);
  } catch (error) {
    return failed(error, loggedTypes);
  } finally {
    await admin.disconnect();
  }
}

/** `user` tries to create `topic`. */
export async function tryCreateTopic(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
  topic: string,
): Promise<Outcome> {
  const { kafka, loggedTypes } = probingClient(broker, secretsDir, user);
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    return ok();
  } catch (error) {
    const nested = (error as { errors?: unknown[] }).errors?.[0];
    return failed(nested ?? error, loggedTypes);
  } finally {
    await admin.disconnect();
  }
}

/** A consumer left running, to watch what happens to it when access changes. */
export interface LiveReader {
  values: string[];
  /** Set when the consumer is refused: the outcome and when (Date.now()). */
  refused: (Outcome & { at: number }) | undefined;
  /** The consumer's fetch long-poll, in ms. */
  pollMs: number;
  stop(): Promise<void>;
}

/** Starts `user` reading `topic` from the beginning in `groupId` (autocommit on). */
export async function startReader(
  broker: SecureBroker,
  secretsDir: string,
  user: string,
  topic: string,
  groupId: string,
  pollMs = 500,
): Promise<LiveReader> {
  const { kafka, loggedTypes } = probingClient(broker, secretsDir, user);
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: pollMs,
    retry: { retries: 0, restartOnFailure: async () => false },
  });
  const reader: LiveReader = {
    values: [],
    refused: undefined,
    pollMs,
    stop: () => consumer.disconnect(),
  };
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    reader.refused = { ...failed(payload.error, loggedTypes), at: Date.now() };
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      reader.values.push(message.value?.toString() ?? '');
    },
  });
  return reader;
}
