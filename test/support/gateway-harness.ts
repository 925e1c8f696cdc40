import type {
  AuditEvent,
  Recipient,
  ShareRequest,
  SubjectProfile,
  TopicNames,
} from '@app/contracts';
import { topicNames } from '@app/contracts';
import type { Admin, Consumer, IHeaders, Kafka, Producer } from 'kafkajs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type AppProcess } from './app-process';
import { testBrokers, testKafka, uniqueName } from './kafka';
import { waitFor } from './wait-for';

/** A record read back from an output topic. */
export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Test pseudonym key; the gateway refuses to start without one. */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789';

/**
 * One gateway deployment under test: its own topic prefix and group, a plain producer for
 * the inputs, and a read_committed reader of everything the gateway wrote.
 */
export class GatewayHarness {
  readonly topics: TopicNames;
  readonly kafka: Kafka = testKafka('onward-test-harness');
  readonly records: ReadRecord[] = [];
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  private reader: Consumer | undefined;
  private readonly apps: AppProcess[] = [];
  /** topic/partition/offset of every record in `records`. */
  private readonly positions = new Set<string>();

  /** A new deployment, or a new group of gateways over the topics of an existing `prefix`. */
  constructor(
    private readonly partitions = 3,
    readonly prefix = `${uniqueName('gw')}.`,
    readonly groupId = uniqueName('gw-group'),
  ) {
    this.topics = topicNames(prefix);
  }

  /** Env of a gateway process of this deployment. */
  gatewayEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      KAFKA_BROKERS: testBrokers().join(','),
      ONWARD_TOPIC_PREFIX: this.prefix,
      GATEWAY_GROUP_ID: this.groupId,
      ONWARD_PARTITIONS: String(this.partitions),
      ONWARD_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      GATEWAY_HTTP_PORT: '0',
      GATEWAY_TRANSACTION_TIMEOUT_MS: '10000',
      // One store per process unless a test gives one (to restart on it).
      GATEWAY_STATE_DIR: join(tmpdir(), uniqueName('gw-state')),
      ...extra,
    };
  }

  /** Starts a gateway process and waits until it listens (topics exist, state caught up). */
  async startGateway(extra: Record<string, string> = {}): Promise<AppProcess> {
    const app = startApp('gateway', this.gatewayEnv(extra));
    this.apps.push(app);
    await app.url();
    return app;
  }

  /** Connects the producer and admin; call after the first gateway created the topics. */
  async connect(): Promise<void> {
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.admin = this.kafka.admin();
    await Promise.all([this.producer.connect(), this.admin.connect()]);
  }

  /** Registers recipients (acknowledged by Kafka when this resolves). */
  async putRecipients(recipients: Recipient[]): Promise<void> {
    await this.send(
      this.topics.recipients,
      recipients.map((r) => ({ key: r.recipientId, value: JSON.stringify(r) })),
    );
  }

  /** Writes subject profiles (acknowledged by Kafka when this resolves). */
  async putSubjects(subjects: SubjectProfile[]): Promise<void> {
    await this.send(
      this.topics.subjects,
      subjects.map((s) => ({ key: s.subjectId, value: JSON.stringify(s) })),
    );
  }

  /** Publishes share requests keyed by subjectId. */
  async request(requests: ShareRequest[]): Promise<void> {
    await this.send(
      this.topics.shareRequests,
      requests.map((r) => ({ key: r.subjectId, value: JSON.stringify(r) })),
    );
  }

  /** Publishes raw records to the requests topic (for bad input). */
  async send(
    topic: string,
    messages: {
      key: string | Buffer | null;
      value: string | Buffer | null;
      headers?: IHeaders;
      /** Explicit, so that the test producer never hashes a hostile key either. */
      partition?: number;
    }[],
  ): Promise<void> {
    if (!this.producer) throw new Error('connect() first');
    await this.producer.send({ topic, acks: -1, messages });
  }

  /**
   * Starts reading the audit and DLQ topics and the share topics of `recipientIds`
   * (read_committed) into `records`, once the gateway has created those topics.
   */
  async startReading(recipientIds: string[] = []): Promise<void> {
    const shareTopics = recipientIds.map((id) => `${this.prefix}shares.${id}`);
    const admin = this.admin;
    if (!admin) throw new Error('connect() first');
    await waitFor(
      async () => {
        const existing = new Set(await admin.listTopics());
        return shareTopics.every((t) => existing.has(t));
      },
      { what: 'share topics created by the gateway' },
    );
    this.reader = this.kafka.consumer({ groupId: uniqueName('reader'), readUncommitted: false });
    await this.reader.connect();
    const reader = this.reader;
    // A broker restarted a moment ago may not know a new topic yet: subscribe again until one does.
    await waitFor(
      async () => {
        await reader.subscribe({
          topics: [this.topics.audit, this.topics.dlq, ...shareTopics],
          fromBeginning: true,
        });
        return true;
      },
      { what: 'the reader to subscribe' },
    );
    await this.reader.run({
      eachMessage: async ({ topic, partition, message }) => {
        // A reader that restarts (its coordinator lost with a broker) fetches again from its
        // last committed offset: a record it already holds is the same record, kept once.
        const position = `${topic}/${partition}/${message.offset}`;
        if (this.positions.has(position)) return;
        this.positions.add(position);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        this.records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
        });
      },
    });
  }

  /** Audit events read so far, in (partition, offset) order. */
  auditEvents(): AuditEvent[] {
    return this.records
      .filter((r) => r.topic === this.topics.audit)
      .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))
      .map((r) => JSON.parse(r.value ?? 'null') as AuditEvent);
  }

  /** Records read so far from one topic. */
  on(topic: string): ReadRecord[] {
    return this.records.filter((r) => r.topic === topic);
  }

  /** Waits for the audit event of `requestId` and returns it. */
  auditOf(requestId: string, timeoutMs = 30_000): Promise<AuditEvent> {
    return waitFor(() => this.auditEvents().find((e) => e.requestId === requestId), {
      timeoutMs,
      what: `audit event of ${requestId}`,
    });
  }

  /** Stops every gateway and client of this harness. */
  async close(): Promise<void> {
    await Promise.all(this.apps.map((a) => a.stop('SIGKILL')));
    await Promise.all([
      this.reader?.disconnect(),
      this.producer?.disconnect(),
      this.admin?.disconnect(),
    ]);
  }

  /** How many records have been read from `topic` so far (cheap: nothing is parsed). */
  count(topic: string): number {
    let n = 0;
    for (const r of this.records) if (r.topic === topic) n += 1;
    return n;
  }

  /** Starts one more gateway process of this deployment without waiting for it to listen. */
  spawnGateway(extra: Record<string, string> = {}): AppProcess {
    const app = startApp('gateway', this.gatewayEnv(extra));
    this.apps.push(app);
    return app;
  }

  /** The parsed `GET /health` of a running gateway. */
  async health(app: AppProcess): Promise<GatewayHealth> {
    const response = await fetch(`${await app.url()}/health`);
    return (await response.json()) as GatewayHealth;
  }

  /**
   * Waits until the gateway group has committed every input record (its committed offsets are
   * the end offsets of the requests topic) and the reader has seen the last audit event of
   * every chain, as the chain tip committed with the offsets names it. Returns, per audit
   * partition, the committed chain length: the exact number of events the partition must hold.
   */
  async awaitAllDecided(timeoutMs = 60_000): Promise<Map<number, number>> {
    const admin = this.admin;
    if (!admin) throw new Error('connect() first');
    const topic = this.topics.shareRequests;
    return waitFor(
      async () => {
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId: this.groupId, topics: [topic] }),
        ]);
        const lengths = new Map<number, number>();
        for (const end of ends) {
          const entry = committed?.partitions.find((p) => p.partition === end.partition);
          // An empty input partition has nothing to commit.
          if (end.high !== '0' && entry?.offset !== end.high) return null;
          const tip = JSON.parse(entry?.metadata || '{}') as { seq?: number };
          lengths.set(end.partition, tip.seq === undefined ? 0 : tip.seq + 1);
        }
        const lastSeen = this.lastAuditSeqs();
        for (const [partition, length] of lengths) {
          if (length > 0 && lastSeen.get(partition) !== length - 1) return null;
        }
        return lengths;
      },
      { timeoutMs, intervalMs: 250, what: 'every request decided and its audit event read' },
    );
  }

  /** The seq of the last audit event read from each audit partition. */
  private lastAuditSeqs(): Map<number, number> {
    const last = new Map<number, ReadRecord>();
    for (const r of this.records) if (r.topic === this.topics.audit) last.set(r.partition, r);
    return new Map([...last].map(([p, r]) => [p, (JSON.parse(r.value ?? '{}') as AuditEvent).seq]));
  }
}

/** What a gateway's `GET /health` answers. */
export interface GatewayHealth {
  status: string;
  reasons: string[];
  kafka: { connected: boolean };
  pipeline: {
    partitions: number[];
    batches: number;
    decided: number;
    stuck: { partition: number; reason: string }[];
  };
  state: { caughtUp: boolean; lag: number; recipients: number; subjects: number };
}
