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
import { TopicAdminService } from '../kafka/topic-admin.service';
import { RecipientsRegistry } from './recipients.registry';
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

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    private readonly connection: KafkaConnectionService,
    private readonly topicAdmin: TopicAdminService,
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
    await consumer.connect();
    await consumer.subscribe({
      topics: [this.topics.recipients, this.topics.subjects],
      fromBeginning: true,
    });
    await consumer.run({ autoCommit: false, eachBatch: (batch) => this.applyBatch(batch) });
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
    await this.positions.waitFor(targets, this.env.GATEWAY_STATE_BARRIER_TIMEOUT_MS);
  }

  /** For /health: whether the state was caught up at the last barrier, and counts. */
  status(): Record<string, unknown> {
    return {
      caughtUp: this.positions.reached(this.lastTargets),
      lag: Number(this.positions.lag(this.lastTargets)),
      recipients: this.recipients.size(),
      subjects: this.subjects.size(),
      invalidRecords: this.invalidRecords,
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

  private async applyBatch({ batch }: EachBatchPayload): Promise<void> {
    const isRecipients = batch.topic === this.topics.recipients;
    for (const message of batch.messages) {
      const key = message.key?.toString('utf8') ?? '';
      if (isRecipients)
        await this.applyRecipient(key, message.value, batch.partition, message.offset);
      else this.applySubject(key, message.value, batch.partition, message.offset);
    }
  }

  private async applyRecipient(
    key: string,
    value: Buffer | null,
    partition: number,
    offset: string,
  ): Promise<void> {
    let recipient =
      value === null
        ? null
        : this.accept(parseRecipient(value), key, 'recipientId', partition, offset);
    if (recipient && !isTopicSafeRecipientId(recipient.recipientId, this.env.ONWARD_TOPIC_PREFIX)) {
      recipient = this.refuseRecord('recipients', key, partition, offset, [
        'recipientId: cannot be a topic name',
      ]);
    }
    // The share topic exists before the recipient can be decided on, so no share waits on it.
    if (recipient) await this.topicAdmin.ensureShareTopic(recipient.recipientId);
    this.recipients.apply(key, recipient);
  }

  private applySubject(key: string, value: Buffer | null, partition: number, offset: string): void {
    const subject =
      value === null
        ? null
        : this.accept(parseSubjectProfile(value), key, 'subjectId', partition, offset);
    this.subjects.apply(key, subject);
  }

  private accept<T extends object>(
    parsed: ParseResult<T>,
    key: string,
    idField: keyof T,
    partition: number,
    offset: string,
  ): T | null {
    const topic = idField === 'recipientId' ? 'recipients' : 'subjects';
    if (!parsed.ok) return this.refuseRecord(topic, key, partition, offset, parsed.errors);
    if (parsed.value[idField] !== key) {
      return this.refuseRecord(topic, key, partition, offset, [
        `${String(idField)}: differs from the key`,
      ]);
    }
    return parsed.value;
  }

  private refuseRecord(
    topic: string,
    key: string,
    partition: number,
    offset: string,
    errors: string[],
  ): null {
    // Invalid state is never applied, and it does not leave an older value standing either:
    // the key becomes unknown (deny by default), since the invalid record may have been an
    // opt-out, an erasure or a suspension.
    this.invalidRecords += 1;
    this.logger.warn({ topic, key, partition, offset, errors }, 'skipped invalid state record');
    return null;
  }
}
