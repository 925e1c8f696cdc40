import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { isRetriable } from '../errors/classify-error';
import { OnwardError } from '../errors/onward-error';
import type { PartitionBounds } from './partition-range';

/** A topic to have: its partition count, replication and topic-level config. */
export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Default: the broker's `default.replication.factor`. */
  replicationFactor?: number;
  /** Topic-level config, e.g. `{ 'cleanup.policy': 'compact' }`. */
  config?: Readonly<Record<string, string>>;
}

/** How long an admin wait may take, and how often it looks. */
export interface TopicWaitOptions {
  /** Default 30 s. `Infinity`: until the topics are there (or `stopped`). */
  timeoutMs?: number;
  /** Default 200 ms. */
  intervalMs?: number;
  /** Ends the wait early (with null) once true, e.g. on shutdown. */
  stopped?: () => boolean;
  /** Called once, on the first look that does not find every topic. */
  onWait?: () => void;
}

/** Raised when topics are not there, with leaders, in time; retrying may help. */
export class TopicWaitTimeoutError extends OnwardError {
  override name = 'TopicWaitTimeoutError';
  override readonly retriable = true;
}

/** The broker's error type for a topic that exists already (code 36). */
const TOPIC_ALREADY_EXISTS = 'TOPIC_ALREADY_EXISTS';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_INTERVAL_MS = 200;

/**
 * The topic operations apps need, over one admin connection: ensure topics exist (tolerating a
 * racing creator), describe partition counts and offsets, list, delete, and the cluster id.
 * Waits are bounded and fail with a retriable {@link TopicWaitTimeoutError}.
 */
export class TopicAdmin {
  private constructor(
    private readonly admin: Admin,
    private readonly owned: boolean,
  ) {}

  /** Over a connected admin client that someone else owns: `close` leaves it connected. */
  static over(admin: Admin): TopicAdmin {
    return new TopicAdmin(admin, false);
  }

  /** With its own admin connection, which `close` ends. */
  static async connect(kafka: Kafka): Promise<TopicAdmin> {
    const admin = kafka.admin();
    await admin.connect();
    return new TopicAdmin(admin, true);
  }

  /** Connects, runs `work` and disconnects, whatever `work` does. */
  static async using<T>(kafka: Kafka, work: (topics: TopicAdmin) => Promise<T>): Promise<T> {
    const topics = await TopicAdmin.connect(kafka);
    try {
      return await work(topics);
    } finally {
      await topics.close().catch(() => undefined);
    }
  }

  /** The cluster id the broker reports (names stores and checkpoint origins). */
  async clusterId(): Promise<string> {
    return (await this.admin.describeCluster()).clusterId;
  }

  /** Every topic of the cluster the client may see. */
  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  /** Those of `topics` that do not exist (asked in one request). */
  async missingTopics(topics: readonly string[]): Promise<string[]> {
    const existing = new Set(await this.admin.listTopics());
    return topics.filter((t) => !existing.has(t));
  }

  /**
   * Creates those of `specs` that are missing and waits until every one has a leader on each
   * partition. A topic another instance creates meanwhile counts as there; an existing topic's
   * partition count and config are left as they are. Returns the topics found missing.
   */
  async ensureTopics(
    specs: readonly TopicSpec[],
    wait: Pick<TopicWaitOptions, 'timeoutMs' | 'intervalMs'> = {},
  ): Promise<string[]> {
    const missing = new Set(await this.missingTopics(specs.map((s) => s.topic)));
    const toCreate = specs.filter((s) => missing.has(s.topic));
    if (toCreate.length === 0) return [];
    try {
      // kafkajs resolves false when every topic exists and throws when only some did.
      await this.admin.createTopics({ topics: toCreate.map(topicConfig), waitForLeaders: false });
    } catch (err: unknown) {
      if (!onlyAlreadyExists(err)) throw err;
    }
    await this.waitForTopics(
      toCreate.map((s) => s.topic),
      wait,
    );
    return toCreate.map((s) => s.topic);
  }

  /**
   * The partition ids of each topic once all exist with a leader on every partition; null
   * when `stopped` ends the wait first. Fails with {@link TopicWaitTimeoutError} at the limit.
   */
  async waitForTopics(
    topics: readonly string[],
    options: TopicWaitOptions = {},
  ): Promise<Map<string, number[]> | null> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    let warned = false;
    while (!options.stopped?.()) {
      const ready = await this.readyPartitions(topics).catch((err: unknown) => {
        // A topic just created may answer "no leader yet" for a moment: look again.
        if (isRetriable(err)) return null;
        throw err;
      });
      if (ready) return ready;
      if (!warned) options.onWait?.();
      warned = true;
      if (Date.now() >= deadline) {
        throw new TopicWaitTimeoutError(`topics ${topics.join(', ')} not ready in ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, options.intervalMs ?? DEFAULT_INTERVAL_MS));
    }
    return null;
  }

  /** Partition count of each existing topic of `topics`; missing topics are left out. */
  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const missing = new Set(await this.missingTopics(topics));
    const present = topics.filter((t) => !missing.has(t));
    if (present.length === 0) return new Map();
    const meta = await this.admin.fetchTopicMetadata({ topics: present });
    return new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
  }

  /** Each partition's first and one-past-last readable offsets (read_committed), by id. */
  async partitionBounds(topic: string): Promise<Map<number, PartitionBounds>> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: BigInt(o.low), high: BigInt(o.high) }]));
  }

  /** Deletes those of `topics` that exist, waiting up to `timeoutMs` for the controller. */
  async deleteTopics(topics: readonly string[], timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const missing = new Set(await this.missingTopics(topics));
    const present = topics.filter((t) => !missing.has(t));
    if (present.length > 0) await this.admin.deleteTopics({ topics: present, timeout: timeoutMs });
  }

  /** Disconnects the admin client when this instance opened it. */
  async close(): Promise<void> {
    if (this.owned) await this.admin.disconnect();
  }

  /** Partition ids per topic when all exist and every partition has a leader, else null. */
  private async readyPartitions(topics: readonly string[]): Promise<Map<string, number[]> | null> {
    if ((await this.missingTopics(topics)).length > 0) return null;
    const meta = await this.admin.fetchTopicMetadata({ topics: [...topics] });
    const ready = meta.topics.every(
      (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
    );
    if (!ready) return null;
    return new Map(
      meta.topics.map((t) => [
        t.name,
        t.partitions.map((p) => p.partitionId).sort((a, b) => a - b),
      ]),
    );
  }
}

function topicConfig(spec: TopicSpec): ITopicConfig {
  return {
    topic: spec.topic,
    numPartitions: spec.partitions,
    ...(spec.replicationFactor === undefined ? {} : { replicationFactor: spec.replicationFactor }),
    configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
  };
}

/** True when a create failed only because topics existed (a racing creator), by error type. */
function onlyAlreadyExists(err: unknown): boolean {
  const errors = (err as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => (e as { type?: unknown }).type === TOPIC_ALREADY_EXISTS)
  );
}
