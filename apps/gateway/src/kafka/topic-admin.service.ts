import { Inject, Injectable } from '@nestjs/common';
import { shareTopicFor, type TopicNames } from '@app/contracts';
import {
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_LOGGER,
  OnwardError,
  type TopicSpec,
} from '@app/runtime';
import type { Logger } from 'pino';
import { GATEWAY_TOPICS } from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';

/** Kafka's default `message.max.bytes`, the limit a request topic created without config has. */
const BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1048588;

/** Raised when existing topics break the co-partitioning the design depends on. */
export class TopicLayoutError extends OnwardError {
  override name = 'TopicLayoutError';
}

/**
 * Kafka refuses a topic whose name equals an existing one once `.` and `_` are treated alike
 * (their metric names would clash): such a share topic can never be created while the other
 * exists. Not retriable by the caller's retry loop; the creator retries it slowly on its own.
 */
export class ShareTopicCollisionError extends OnwardError {
  override name = 'ShareTopicCollisionError';
  override readonly retriable = false;
  constructor() {
    super('share topic name collides with an existing topic (. and _ are alike to Kafka)');
  }
}

/** The name Kafka compares topics by when it checks for collisions. */
export function topicCollisionKey(topic: string): string {
  return topic.replace(/\./g, '_');
}

/**
 * Creates the topics of DESIGN §2 that are missing, with their configs, and refuses to start
 * when requests, subjects and audit are not co-partitioned. Creates a recipient's share topic
 * the first time the recipient is seen.
 */
@Injectable()
export class TopicAdminService {
  private readonly shareTopics = new Map<string, Promise<void>>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly connection: KafkaConnectionService,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
  ) {}

  /** Creates missing base topics, then checks the partition counts. */
  async ensureBaseTopics(): Promise<void> {
    const t = this.topics;
    // State records take effect from when the broker appended them, never from a
    // producer-set timestamp (a registration cannot be backdated).
    const state = { 'cleanup.policy': 'compact', 'message.timestamp.type': 'LogAppendTime' };
    await this.create([
      this.spec(t.shareRequests),
      this.spec(t.subjects, state),
      this.spec(t.recipients, state),
      this.spec(t.audit, { 'retention.ms': '-1', ...this.outputRecordLimit() }),
      this.spec(t.dlq, this.outputRecordLimit()),
      this.spec(t.checkpoints, { 'retention.ms': '-1' }),
    ]);
    await this.checkCoPartitioned([t.shareRequests, t.subjects, t.audit]);
  }

  /**
   * Ensures `<prefix>shares.<recipientId>` exists; concurrent callers share one request.
   * Rejects with {@link ShareTopicCollisionError} when another topic takes its name.
   */
  ensureShareTopic(recipientId: string): Promise<void> {
    const topic = shareTopicFor(this.env.ONWARD_TOPIC_PREFIX, recipientId);
    let pending = this.shareTopics.get(topic);
    if (!pending) {
      pending = this.create([this.spec(topic, this.outputRecordLimit())], true).catch(
        (err: unknown) => {
          this.shareTopics.delete(topic);
          throw err;
        },
      );
      this.shareTopics.set(topic, pending);
    }
    return pending;
  }

  /**
   * Partition counts of output topics, asked of the broker once per topic: a count only grows,
   * and a stale one only moves where a later key lands, never loses a record.
   */
  async knownPartitionCounts(topics: string[]): Promise<ReadonlyMap<string, number>> {
    const missing = topics.filter((t) => !this.counts.has(t));
    if (missing.length > 0) {
      for (const [topic, count] of await this.partitionCounts(missing)) {
        if (count > 0) this.counts.set(topic, count);
      }
    }
    return this.counts;
  }

  /** Partition count of each topic, as the broker reports it. */
  partitionCounts(topics: string[]): Promise<Map<string, number>> {
    return this.connection.topicAdmin().partitionCounts(topics);
  }

  /**
   * Room on the output topics for any record the gateway writes: a DLQ copy of the largest
   * request the broker's default limit lets in, plus headers, or a share or audit event of up
   * to ONWARD_MAX_MESSAGE_BYTES plus headroom (larger ones are refused by the processor).
   */
  private outputRecordLimit(): Record<string, string> {
    const bytes = Math.max(this.env.ONWARD_MAX_MESSAGE_BYTES, BROKER_DEFAULT_MAX_MESSAGE_BYTES);
    return { 'max.message.bytes': String(bytes + 64 * 1024) };
  }

  private spec(topic: string, config: Record<string, string> = {}): TopicSpec {
    return {
      topic,
      partitions: this.env.ONWARD_PARTITIONS,
      replicationFactor: this.env.ONWARD_REPLICATION_FACTOR,
      config,
    };
  }

  private async create(topics: TopicSpec[], refuseCollisions = false): Promise<void> {
    const admin = this.connection.topicAdmin();
    const listed = await admin.listTopics();
    const existing = new Set(listed);
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    if (refuseCollisions) {
      const taken = new Set(listed.map(topicCollisionKey));
      if (missing.some((t) => taken.has(topicCollisionKey(t.topic)))) {
        throw new ShareTopicCollisionError();
      }
    }
    const created = await admin.ensureTopics(missing);
    if (created.length > 0) this.logger.info({ topics: created }, 'created topics');
  }

  private async checkCoPartitioned(topics: string[]): Promise<void> {
    const counts = await this.partitionCounts(topics);
    const distinct = new Set(counts.values());
    if (distinct.size > 1) {
      const list = [...counts].map(([name, n]) => `${name}=${n}`).join(', ');
      throw new TopicLayoutError(
        `topics must have the same partition count (co-partitioned by subjectId): ${list}`,
      );
    }
  }
}
