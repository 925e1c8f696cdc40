import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs';
import { TopicAdmin } from '@app/runtime/kafka/topic-admin';

/** The brokers globalSetup provided. */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error(
      'KAFKA_BROKERS is not set: run broker tests through jest --selectProjects broker',
    );
  return brokers.split(',');
}

/** A kafkajs client for tests, quiet unless DEBUG_KAFKA is set. */
export function testKafka(clientId = 'onward-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: testBrokers(),
    logLevel: process.env.DEBUG_KAFKA ? logLevel.INFO : logLevel.NOTHING,
  });
}

/** A topic prefix and group id no other test shares, so tests never see each other's data. */
export function uniqueName(label = 't'): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates topics and waits until every partition has a leader. kafkajs' own `waitForLeaders`
 * retries only "leader not available" and fails on the "unknown topic-partition" a broker
 * busy with other tests' topics can answer for a moment; the runtime's wait retries both.
 */
export async function createTopics(
  admin: Admin,
  topics: {
    topic: string;
    numPartitions?: number;
    configEntries?: { name: string; value: string }[];
  }[],
): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  await TopicAdmin.over(admin).waitForTopics(
    topics.map((t) => t.topic),
    { timeoutMs: 60_000, intervalMs: 100 },
  );
}

/** Collects every message a consumer sees on `topic`, from the beginning. */
export async function collect(
  consumer: Consumer,
  topic: string,
): Promise<{ messages: KafkaMessage[]; partitionsOf: Map<KafkaMessage, number> }> {
  const messages: KafkaMessage[] = [];
  const partitionsOf = new Map<KafkaMessage, number>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      messages.push(message);
      partitionsOf.set(message, partition);
    },
  });
  return { messages, partitionsOf };
}
