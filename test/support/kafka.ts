import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs';

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

/** Creates topics and waits until the broker reports them. */
export async function createTopics(
  admin: Admin,
  topics: {
    topic: string;
    numPartitions?: number;
    configEntries?: { name: string; value: string }[];
  }[],
): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: true });
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
