/**
 * Reads every recipient's acknowledgements topic (`<prefix>notice-acks.<recipientId>`) into
 * the store with the runtime's follower. A follower's topics are fixed when it starts, and
 * partners are added while the auditor runs, so the topics are discovered every `refreshMs` (the
 * admin's topic list, which shows exactly the topics this principal may read) and the follower
 * is replaced when the set changed or the follower stopped for good. Offsets live in the store, written with the rows they cover:
 * each start is a throwaway group (`onward-auditor-notice-acks-<uuid>`) that seeks every
 * partition to the stored next offset, as the audit stream ingest does. Rows are keyed by
 * topic, partition and offset, so the auditors of a shared store may all read every topic.
 */
import {
  type Admin,
  dependencyFailure,
  Follower,
  type Kafka,
  type StreamRecord,
} from '@app/runtime';
import type { Logger } from 'pino';
import { judgeAckRecord, recipientOfAckTopic } from './ack-record';
import type { NoticeAckStatus } from './notice-ack-status';
import type { NoticeRepository } from './notice.types';

/** How the reader is bounded. */
export interface NoticeAckOptions {
  /** How often the topics are discovered again (and a dead consumer restarted). */
  refreshMs: number;
  /** Most acknowledgements topics read; beyond it the status says `truncated`. */
  maxTopics: number;
}

/** The reader of the acknowledgements topics. */
export class NoticeAckConsumer {
  private admin: Admin | null = null;
  private follower: Follower | null = null;
  private topics: string[] = [];
  private crashed = false;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
    private readonly repo: NoticeRepository,
    private readonly logger: Logger,
    private readonly status: NoticeAckStatus,
    private readonly options: NoticeAckOptions,
  ) {}

  /** Starts discovering and reading; returns at once (a pass that fails is tried again). */
  start(): void {
    this.pass = this.refresh();
  }

  /** Stops the timer and the consumer; a batch being stored finishes first. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
    await this.follower?.stop();
    await this.admin?.disconnect();
    this.follower = null;
    this.admin = null;
  }

  private async refresh(): Promise<void> {
    try {
      const topics = await this.discover();
      const same =
        topics.length === this.topics.length && topics.every((t, i) => t === this.topics[i]);
      if (!same || this.crashed) await this.restart(topics);
    } catch (error) {
      // Tried again on the next pass, from the stored offsets.
      this.crashed = true;
      this.status.state = 'failed';
      this.logger.warn({ err: error }, 'notice acknowledgements: reader could not start');
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => (this.pass = this.refresh()), this.options.refreshMs);
      this.timer.unref();
    }
  }

  private async discover(): Promise<string[]> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const all = (await this.admin.listTopics())
      .filter((topic) => recipientOfAckTopic(this.prefix, topic) !== null)
      .sort();
    this.status.truncated = all.length > this.options.maxTopics;
    if (this.status.truncated) {
      this.logger.warn(
        { found: all.length, read: this.options.maxTopics },
        'more acknowledgements topics than AUDITOR_NOTICE_ACK_MAX_TOPICS: the rest are not read',
      );
    }
    return all.slice(0, this.options.maxTopics);
  }

  private async restart(topics: string[]): Promise<void> {
    await this.follower?.stop();
    this.follower = null;
    this.topics = topics;
    this.crashed = false;
    this.status.topics = topics.length;
    if (topics.length === 0 || this.stopped) {
      this.status.state = 'idle';
      return;
    }
    const offsets = new Map(
      (await this.repo.ackOffsets()).map((o) => [`${o.topic}\u0000${o.partition}`, o.nextOffset]),
    );
    const storedOffset = (topic: string, partition: number) => {
      const offset = offsets.get(`${topic}\u0000${partition}`) ?? 0;
      return offset > 0 ? BigInt(offset) : undefined;
    };
    const follower = new Follower(
      this.kafka,
      {
        topics,
        groupPrefix: 'onward-auditor-notice-acks',
        start: { offsets: storedOffset, otherwise: 'earliest' },
      },
      {
        onBatch: async ({ topic, partition, records }) => {
          // A write the store refused is retried; a programming error stops the reader.
          await this.store(topic, partition, records).catch((error: unknown) => {
            throw dependencyFailure(error);
          });
        },
        onError: (error) => {
          this.crashed = true;
          this.status.state = 'failed';
          this.logger.error({ err: error }, 'notice acknowledgements reader stopped');
        },
      },
    );
    this.follower = follower;
    await follower.start();
    this.status.state = 'reading';
    this.logger.info(
      { groupId: follower.groupId, topics: topics.length },
      'reading notice acknowledgements',
    );
  }

  private async store(topic: string, partition: number, messages: StreamRecord[]): Promise<void> {
    const recipientId = recipientOfAckTopic(this.prefix, topic);
    if (recipientId === null) return;
    const rows = messages.map((m) =>
      judgeAckRecord({
        topic,
        partition,
        offset: Number(m.offset),
        recipientId,
        timestampMs: Number(m.timestamp),
        key: m.key,
        value: m.value,
      }),
    );
    const nextOffset = Number(messages[messages.length - 1].offset) + 1;
    await this.repo.writeAcks(rows, { topic, partition, nextOffset });
    const refused = rows.filter((r) => r.fault !== null).length;
    if (refused > 0) {
      this.logger.warn({ topic, partition, refused }, 'notice acknowledgements refused');
    }
  }
}
