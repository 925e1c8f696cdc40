import { Partitioners, type PartitionMetadata } from 'kafkajs';
import type { OutgoingMessage, TopicMessages } from './outgoing-message';
import { chunkBySize } from './send-chunks';

/**
 * One send per topic-partition. kafkajs 2.2.4 loses records when a send that spans several
 * partitions is retried after a leader moved: it remembers which *brokers* already answered
 * and skips them on the retry, so partitions that moved to such a broker are never written,
 * yet the send resolves (tulios/kafkajs#1798, seen in test/fault). A send that holds one
 * partition has one leader, so its retry covers all of it.
 */

/** A send of one topic-partition, at most one budget in size (a larger record goes alone). */
export interface PartitionSend {
  topic: string;
  messages: OutgoingMessage[];
}

const partitioner = Partitioners.DefaultPartitioner();

const metadataByCount = new Map<number, PartitionMetadata[]>();

/** Stand-in metadata: the default partitioner needs only the count for a keyed message. */
function metadataOf(count: number): PartitionMetadata[] {
  let metadata = metadataByCount.get(count);
  if (!metadata) {
    metadata = standInMetadata(count);
    metadataByCount.set(count, metadata);
  }
  return metadata;
}

function standInMetadata(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [],
    isr: [],
  }));
}

/** Topics that hold a message without an explicit partition (their counts are needed). */
export function topicsNeedingCounts(topicMessages: readonly TopicMessages[]): string[] {
  return topicMessages
    .filter((t) => t.messages.some((m) => m.partition === undefined || m.partition === null))
    .map((t) => t.topic);
}

/**
 * Gives every message an explicit partition: its own, or the one kafkajs' default partitioner
 * picks from its key and the topic's partition count (the key-hash placement consumers expect).
 * Throws TypeError for a message with neither partition nor key, or an unknown count.
 */
export function withPartitions(
  topicMessages: readonly TopicMessages[],
  counts: ReadonlyMap<string, number>,
): TopicMessages[] {
  return topicMessages.map(({ topic, messages }) => ({
    topic,
    messages: messages.map((message) => {
      if (message.partition !== undefined && message.partition !== null) return message;
      const count = counts.get(topic);
      if (message.key === undefined || message.key === null || !count) {
        throw new TypeError(`no partition for a message of ${topic}`);
      }
      const partitionMetadata = metadataOf(count);
      return { ...message, partition: partitioner({ topic, partitionMetadata, message }) };
    }),
  }));
}

/**
 * Splits a transaction's outputs, every message with an explicit partition, into sends of one
 * topic-partition each, in order within every partition, each within `budget` bytes.
 */
export function sendsPerPartition(
  topicMessages: readonly TopicMessages[],
  budget: number,
): PartitionSend[] {
  const groups = new Map<string, PartitionSend>();
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      if (message.partition === undefined || message.partition === null) {
        throw new TypeError(`a message of ${topic} has no explicit partition`);
      }
      const id = `${message.partition}:${topic}`;
      const group = groups.get(id) ?? { topic, messages: [] };
      group.messages.push(message);
      groups.set(id, group);
    }
  }
  return [...groups.values()].flatMap((group) =>
    chunkBySize([group], budget).map((chunk) => chunk[0]),
  );
}
