import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  isTopicSafeRecipientId,
  parseRecipient,
  parseSubjectProfile,
  type ParseResult,
  type TopicNames,
} from '@app/contracts';
import { KafkaConnectionService, ONWARD_ENV, ONWARD_KAFKA, ONWARD_LOGGER } from '@app/runtime';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { GATEWAY_TOPICS } from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';
import { keyDigest } from './key-digest';
import { RecipientsRegistry } from './recipients.registry';
import { ShareTopicsService } from './share-topics.service';
import { StatePositions, type OffsetTargets } from './state-positions';
import { SubjectsRegistry } from './subjects.registry';

/**
 * Materialises recipients and subjects from their compacted topics and enforces the consent
 * barrier (DESIGN §6): before a batch is decided, every state record that was in the log
 * when the batch was fetched has been applied. Every instance reads every state partition
 * with its own throwaway group (kafkajs cannot assign partitions by hand) and commits nothing.
 */
@Injectable()
export class StateSyncService {
  private consumer: Consumer | undefined;
  private readonly positions = new StatePositions();
  private invalidRecords = 0;
  private lastTargets: OffsetTargets = new Map();
  /** Why the state is stuck, since when: a crashed consumer or a barrier that timed out. */
  private stuck: { reason: string; since: string } | null = null;

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    private readonly connection: KafkaConnectionService,
    private readonly shareTopics: ShareTopicsService,
    private readonly recipients: RecipientsRegistry,
    private readonly subjects: SubjectsRegistry,
  ) {}

  /** Starts reading both state topics from the beginning and waits until caught up. */
  async start(): Promise<void> {
    await this.stop(); // a retried start-up must not leave the first consumer behind
    const groupId = `${this.env.GATEWAY_GROUP_ID}.state.${randomBytes(6).toString('hex')}`;
    this.consumer = this.kafka.consumer({ groupId, readUncommitted: false });
    const consumer = this.consumer;
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.positions.advance(payload.topic, payload.partition, BigInt(payload.lastOffset) + 1n);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.markStuck(`state consumer crashed: ${payload.error.name}`);
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [this.topics.recipients, this.topics.subjects],
      fromBeginning: true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async (batch) => this.applyBatch(batch),
    });
    await this.awaitBarrier(null);
    this.logger.info(
      { recipients: this.recipients.size(), subjects: this.subjects.size() },
      'state caught up',
    );
  }

  /**
   * The consent barrier: resolves once every recipients partition and the subjects
   * partition co-partitioned with `requestPartition` (all of them when null) have been
   * applied up to their current end offsets, read now, after the batch was fetched.
   */
  async awaitBarrier(requestPartition: number | null): Promise<void> {
    const targets = await this.endOffsets(requestPartition);
    this.lastTargets = targets;
    try {
      await this.positions.waitFor(targets, this.env.GATEWAY_STATE_BARRIER_TIMEOUT_MS);
    } catch (err) {
      this.markStuck('consent barrier timed out: state not caught up');
      throw err;
    }
    this.stuck = null;
    // A recipient registered just now is held for (boundedly) while its topic is created.
    await this.shareTopics.awaitFresh();
  }

  /**
   * Why /health should say degraded: the state is stuck (consumer crashed, barrier timed out)
   * or a recipient's share topic cannot be created. Empty when all is well.
   */
  problems(): string[] {
    const problems: string[] = [];
    if (this.stuck) problems.push(`${this.stuck.reason} (since ${this.stuck.since})`);
    const topics = this.shareTopics.problems();
    if (topics.length > 0) {
      problems.push(`share topic cannot be created for ${topics.length} recipient(s)`);
    }
    return problems;
  }

  private markStuck(reason: string): void {
    if (this.stuck?.reason !== reason) this.stuck = { reason, since: new Date().toISOString() };
  }

  /** For /health: whether the state was caught up at the last barrier, and counts. */
  status(): Record<string, unknown> {
    return {
      caughtUp: this.positions.reached(this.lastTargets),
      lag: Number(this.positions.lag(this.lastTargets)),
      recipients: this.recipients.size(),
      subjects: this.subjects.size(),
      invalidRecords: this.invalidRecords,
      stuck: this.stuck,
      shareTopicProblems: this.shareTopics.problems(),
    };
  }

  /** State records not yet applied at the last barrier's targets (0 when caught up), for metrics. */
  catchUpLag(): number {
    return Number(this.positions.lag(this.lastTargets));
  }

  /** Stops reading the state topics. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async endOffsets(requestPartition: number | null): Promise<OffsetTargets> {
    const admin = this.connection.adminClient();
    const [recipients, subjects] = await Promise.all([
      admin.fetchTopicOffsets(this.topics.recipients),
      admin.fetchTopicOffsets(this.topics.subjects),
    ]);
    const toMap = (list: { partition: number; high: string }[]): Map<number, bigint> =>
      new Map(list.map((p) => [p.partition, BigInt(p.high)]));
    const subjectTargets = toMap(subjects);
    const scoped =
      requestPartition === null
        ? subjectTargets
        : new Map([[requestPartition, subjectTargets.get(requestPartition) ?? 0n]]);
    return new Map([
      [this.topics.recipients, toMap(recipients)],
      [this.topics.subjects, scoped],
    ]);
  }

  private applyBatch({ batch }: EachBatchPayload): void {
    const isRecipients = batch.topic === this.topics.recipients;
    for (const message of batch.messages) {
      const at = { partition: batch.partition, offset: message.offset, rawKey: message.key };
      if (isRecipients) this.applyRecipient(message.value, at);
      else this.applySubject(message.value, at);
    }
  }

  private applyRecipient(value: Buffer | null, at: RecordPosition): void {
    const key = decodeKey(at.rawKey);
    let recipient =
      value === null || key === null
        ? null
        : this.accept(parseRecipient(value), key, 'recipientId', at);
    if (recipient && !isTopicSafeRecipientId(recipient.recipientId, this.env.ONWARD_TOPIC_PREFIX)) {
      recipient = this.refuseRecord('recipients', at, ['recipientId: cannot be a topic name']);
    }
    if (key === null) {
      if (value !== null) this.refuseRecord('recipients', at, ['(key): not valid UTF-8']);
      return;
    }
    // Creating the share topic is queued, never awaited here: a topic the broker refuses
    // (a name colliding with another's) leaves that one recipient undecidable, nothing else.
    if (recipient) this.shareTopics.register(recipient.recipientId);
    else this.shareTopics.forget(key);
    this.recipients.apply(key, recipient);
  }

  private applySubject(value: Buffer | null, at: RecordPosition): void {
    const key = decodeKey(at.rawKey);
    if (key === null) {
      if (value !== null) this.refuseRecord('subjects', at, ['(key): not valid UTF-8']);
      return;
    }
    const subject =
      value === null ? null : this.accept(parseSubjectProfile(value), key, 'subjectId', at);
    this.subjects.apply(key, subject);
  }

  private accept<T extends object>(
    parsed: ParseResult<T>,
    key: string,
    idField: keyof T,
    at: RecordPosition,
  ): T | null {
    const topic = idField === 'recipientId' ? 'recipients' : 'subjects';
    if (!parsed.ok) return this.refuseRecord(topic, at, parsed.errors);
    if (parsed.value[idField] !== key) {
      return this.refuseRecord(topic, at, [`${String(idField)}: differs from the key`]);
    }
    return parsed.value;
  }

  private refuseRecord(topic: string, at: RecordPosition, errors: string[]): null {
    // Invalid state is never applied, and it does not leave an older value standing either:
    // the key becomes unknown (deny by default), since the invalid record may have been an
    // opt-out, an erasure or a suspension. The key is logged as a digest: it may be huge.
    this.invalidRecords += 1;
    this.logger.warn(
      {
        topic,
        key: keyDigest(at.rawKey),
        partition: at.partition,
        offset: at.offset,
        errors: errors.slice(0, MAX_LOGGED_ERRORS).map((e) => e.slice(0, MAX_ERROR_CHARS)),
      },
      'skipped invalid state record',
    );
    return null;
  }
}

/** Where a state record sits, and its key as read. */
interface RecordPosition {
  partition: number;
  offset: string;
  rawKey: Buffer | null;
}

const MAX_LOGGED_ERRORS = 10;
const MAX_ERROR_CHARS = 200;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The key as a string, or null when absent or not valid UTF-8 (DESIGN §2: keys are UTF-8). */
function decodeKey(raw: Buffer | null): string | null {
  if (raw === null) return null;
  try {
    return strictUtf8.decode(raw);
  } catch {
    return null;
  }
}
