import type { OutgoingMessage, TopicMessages } from './outgoing-message';

/**
 * Bytes per produce request of one transaction. kafkajs puts all messages of a partition in
 * one send into a single record batch, and the broker refuses a batch larger than
 * `max.message.bytes` (1,048,588 bytes by default, also on topics the writer did not create):
 * a large backlog in one transaction would otherwise fail on every retry. Sends are
 * sequential, so the budget is as large as that default allows with room for batch framing.
 */
export const SEND_BUDGET_BYTES = 1_000_000;

// Per-record framing (lengths, varints, timestamps) counted on top of key, value and headers.
const RECORD_OVERHEAD_BYTES = 32;

function sizeOf(value: OutgoingMessage['value'] | OutgoingMessage['key'] | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function recordBytes(message: OutgoingMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + sizeOf(message.key) + sizeOf(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) bytes += Buffer.byteLength(name) + sizeOf(v);
  }
  return bytes;
}

/**
 * Splits the outputs of one transaction into sends of at most `budget` bytes each (a larger
 * record goes alone), keeping the order of messages within every topic, hence every partition.
 */
export function chunkBySize(
  topicMessages: readonly TopicMessages[],
  budget: number,
): TopicMessages[][] {
  const chunks: TopicMessages[][] = [];
  let current = new Map<string, OutgoingMessage[]>();
  let bytes = 0;
  const flush = (): void => {
    if (current.size > 0)
      chunks.push([...current].map(([topic, messages]) => ({ topic, messages })));
    current = new Map();
    bytes = 0;
  };
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const size = recordBytes(message);
      if (bytes > 0 && bytes + size > budget) flush();
      const list = current.get(topic);
      if (list) list.push(message);
      else current.set(topic, [message]);
      bytes += size;
    }
  }
  flush();
  return chunks;
}
