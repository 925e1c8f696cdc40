import { parseAuditEvent, type AuditEvent } from '@app/contracts';
import {
  type Admin,
  Follower,
  Kafka,
  logLevel,
  type Producer,
  type SASLOptions,
} from '@app/runtime';
import { DemoError } from './demo-settings';

const SEND_BATCH = 10;
const POLL_MS = 250;

/**
 * The demo's only contact with kafkajs: register, publish, and follow the audit topic from a
 * given position. Its own quiet client, so kafkajs never writes over the progress bar.
 */
export class DemoKafka {
  private readonly followers: Follower[] = [];

  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly producer: Producer,
  ) {}

  /** Connects, failing fast with a hint when nothing answers at `brokers`. */
  static async connect(brokers: string[], sasl?: SASLOptions): Promise<DemoKafka> {
    // Keys must land where the gateway's subjects do: kafkajs 2's default is Java's murmur2.
    process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
    const kafka = new Kafka({
      clientId: 'onward-demo',
      brokers,
      sasl,
      connectionTimeout: 3000,
      retry: { retries: 3, initialRetryTime: 200 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    try {
      await Promise.all([admin.connect(), producer.connect()]);
    } catch (error) {
      await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
      const why = error instanceof Error ? error.message : String(error);
      throw new DemoError(
        `cannot reach Kafka at ${brokers.join(',')} (${why}): is \`npm start\` running?`,
      );
    }
    return new DemoKafka(kafka, admin, producer);
  }

  /** Waits until every topic exists (the gateway creates them at start); false at the deadline. */
  async topicsExist(topics: string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const existing = new Set(await this.admin.listTopics());
      if (topics.every((t) => existing.has(t))) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** The end offset of every partition of `topic` now: where this run's records will start. */
  async endOffsets(topic: string): Promise<Map<number, string>> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, o.high]));
  }

  /**
   * Writes keyed records, acknowledged by every in-sync replica, in produce requests of 10;
   * with `perSecond`, paced like a stream of live traffic rather than one burst.
   */
  async publish(
    topic: string,
    records: { key: string; value: string }[],
    perSecond = Infinity,
  ): Promise<void> {
    const started = Date.now();
    for (let i = 0; i < records.length; i += SEND_BATCH) {
      const due = started + (i * 1000) / perSecond;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      await this.producer.send({ topic, acks: -1, messages: records.slice(i, i + SEND_BATCH) });
    }
  }

  /**
   * Reads `topic` read_committed from the offsets in `from` and hands every audit event whose
   * requestId starts with `requestIdPrefix` to `onEvent`. Resolves once the reader runs.
   */
  async follow(
    topic: string,
    from: Map<number, string>,
    requestIdPrefix: string,
    onEvent: (event: AuditEvent) => void,
  ): Promise<void> {
    const ofRun = (e: AuditEvent) => e.requestId?.startsWith(requestIdPrefix) === true;
    await this.followWhere(topic, from, ofRun, onEvent);
  }

  /** Like `follow`, for the audit events `accept` picks (a subject's notices, say). */
  async followWhere(
    topic: string,
    from: Map<number, string>,
    accept: (event: AuditEvent) => boolean,
    onEvent: (event: AuditEvent) => void,
  ): Promise<void> {
    const startOf = (partition: number) => BigInt(from.get(partition) ?? '0');
    // The runtime's follower: a throwaway group that never commits, sought to `from` on joining.
    const follower = new Follower(
      this.kafka,
      {
        topics: [topic],
        groupPrefix: 'onward-demo',
        start: {
          offsets: (_topic, partition) => (from.has(partition) ? startOf(partition) : undefined),
          otherwise: 'earliest',
        },
      },
      {
        onBatch: ({ partition, records }) => {
          for (const { offset, value } of records) {
            // The offset filter makes the seek an optimisation: the answer is right either way.
            if (BigInt(offset) < startOf(partition) || !value) continue;
            const parsed = parseAuditEvent(value);
            if (parsed.ok && accept(parsed.value)) onEvent(parsed.value);
          }
        },
      },
    );
    this.followers.push(follower);
    await follower.start();
  }

  /** Creates `topic` (one partition) unless it exists; false when this client may not. */
  async ensureTopic(topic: string): Promise<boolean> {
    if ((await this.admin.listTopics()).includes(topic)) return true;
    try {
      await this.admin.createTopics({
        topics: [{ topic, numPartitions: 1 }],
        waitForLeaders: true,
      });
      return true;
    } catch {
      return false;
    }
  }

  /** Disconnects every client. */
  async close(): Promise<void> {
    await Promise.allSettled([
      ...this.followers.map((f) => f.stop()),
      this.producer.disconnect(),
      this.admin.disconnect(),
    ]);
  }
}
