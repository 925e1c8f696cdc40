import { Inject, Injectable } from '@nestjs/common';
import { gatewayReaderGroup, type AuditEvent, type TopicNames } from '@app/contracts';
import type { CompiledPolicy } from '@app/policy';
import {
  type Batch,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  KafkaConnectionService,
  type KafkaMessage,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
  topicsNeedingCounts,
  withPartitions,
} from '@app/runtime';
import type { Logger } from 'pino';
import { GATEWAY_POLICY, GATEWAY_TOPICS } from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';
import type { PartitionWriter } from '../kafka/partition-writer';
import { TopicAdminService } from '../kafka/topic-admin.service';
import { PartitionProgress, type StuckPartition } from '../share-request/partition-progress';
import { NoticeState } from '../state/notice-state';
import { StateRecordDecoder } from '../state/state-record.decoder';
import { StateSyncService } from '../state/state-sync.service';
import { CheckpointService } from '../transparency/checkpoint.service';
import { planBatch, type ChangeRecord } from './notice-batch';
import { NoticeMetrics } from './notice.metrics';
import { chainNotices } from './notice-output';
import { PartitionLocks } from './partition-locks';
import { PastRecipientIndexer } from './past-recipient.indexer';

/** The share pipeline's writers, lent to the notice pipeline (one chain per audit partition). */
export interface WriterLease {
  writerFor(partition: number): Promise<PartitionWriter>;
  closeWriter(partition: number): Promise<void>;
}

/** Where the notice pipeline stands on one owned subjects partition. */
interface Cursor {
  /** The subjects offset committed in the gateway's group: records below it were noticed. */
  committed: bigint;
  /** The next subjects offset to handle (the baseline's position). */
  next: bigint;
}

/** Most subject records planned in one transaction; the rest of a fetch is fetched again. */
const MAX_CHANGES_PER_TRANSACTION = 1000;
const STUCK_AFTER_ABORTS = 3;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Notices to past recipients (DESIGN §7). Per owned partition p, subject changes of subjects
 * partition p are read in order and, in one transaction of the share pipeline's writer of p,
 * their notices, one `notice.sent` event each in audit chain p, the subjects offset and the
 * chain tip are committed. The past-recipient index is built from chain p's `share.allowed`
 * events. Shares and notices of p take turns ({@link exclusive}); a change is planned only once
 * the state has applied it, so every share decided without it is already indexed.
 */
@Injectable()
export class NoticePipelineService {
  private consumer: Consumer | undefined;
  private lease: WriterLease | undefined;
  private readonly locks = new PartitionLocks();
  private readonly cursors = new Map<number, Cursor>();
  private readonly owned = new Set<number>();
  private readonly progress: PartitionProgress;
  private readonly decoder: StateRecordDecoder;
  private subjectPartitions: number[] = [];
  private notices = 0;

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    @Inject(GATEWAY_POLICY) private readonly policy: CompiledPolicy,
    private readonly connection: KafkaConnectionService,
    private readonly topicAdmin: TopicAdminService,
    private readonly state: StateSyncService,
    private readonly noticeState: NoticeState,
    private readonly indexer: PastRecipientIndexer,
    private readonly checkpoints: CheckpointService,
    private readonly metrics: NoticeMetrics,
  ) {
    this.decoder = new StateRecordDecoder(logger, env.ONWARD_TOPIC_PREFIX);
    const maxBatchMs =
      env.GATEWAY_STATE_BARRIER_TIMEOUT_MS + 2 * env.GATEWAY_TRANSACTION_TIMEOUT_MS;
    this.progress = new PartitionProgress({ maxConsecutiveAborts: STUCK_AFTER_ABORTS, maxBatchMs });
  }

  /** Runs `work` on `partition` when no other share or notice work of it is in flight. */
  exclusive<T>(partition: number, work: () => Promise<T>): Promise<T> {
    return this.locks.run(partition, work);
  }

  /** Starts reading subject changes; partitions are taken on by {@link retain}. */
  async start(lease: WriterLease): Promise<void> {
    await this.stop();
    this.lease = lease;
    const bounds = await this.connection.topicAdmin().partitionBounds(this.topics.subjects);
    this.subjectPartitions = [...bounds.keys()];
    // A throwaway group of its own (the state reader's stem and ACL): it is handed every
    // partition, pauses those not owned and seeks the others to where the notices stand.
    const groupId = gatewayReaderGroup(this.env.GATEWAY_GROUP_ID, 'state');
    const consumer = this.kafka.consumer({ groupId, readUncommitted: false });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => this.position(consumer));
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topics.subjects], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // One partition waiting its turn behind a share batch must not hold up the others.
      partitionsConsumedConcurrently: this.env.GATEWAY_CONCURRENT_PARTITIONS,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** Follows the share pipeline's assignment: prepares new partitions, forgets released ones. */
  retain(partitions: readonly number[]): void {
    const keep = new Set(partitions);
    for (const p of [...this.owned]) {
      if (keep.has(p)) continue;
      this.owned.delete(p);
      this.cursors.delete(p);
      this.progress.forget(p);
      this.pause(p);
      void this.exclusive(p, async () => this.noticeState.drop(p)).catch(() => undefined);
    }
    for (const p of keep) {
      if (this.owned.has(p)) continue;
      this.owned.add(p);
      this.schedulePrepare(p, 0);
    }
  }

  /**
   * After a share batch of `partition` committed (inside {@link exclusive}): queues the indexing
   * of its shares (`subjectRefs[i]`: what the share of `events[i]` delivered, null: none).
   */
  sharesCommitted(
    partition: number,
    events: readonly AuditEvent[],
    subjectRefs: readonly (string | null)[],
  ): void {
    if (this.cursors.has(partition)) this.indexer.committed(partition, events, subjectRefs);
  }

  /** For /health: notices committed and the partitions whose notices are not progressing. */
  status(): { partitions: number[]; notices: number; stuck: StuckPartition[] } {
    return {
      partitions: [...this.cursors.keys()].sort((a, b) => a - b),
      notices: this.notices,
      stuck: this.progress.stuck(Date.now()),
    };
  }

  /** Why /health should say degraded (empty when all is well). */
  problems(): string[] {
    return this.status().stuck.map((s) => `notices of partition ${s.partition}: ${s.reason}`);
  }

  private position(consumer: Consumer): void {
    const idle = this.subjectPartitions.filter((p) => !this.cursors.has(p));
    if (idle.length > 0) consumer.pause([{ topic: this.topics.subjects, partitions: idle }]);
    for (const [p, cursor] of this.cursors) this.seek(p, cursor.next);
  }

  private schedulePrepare(partition: number, delayMs: number): void {
    const timer = setTimeout(() => {
      if (!this.owned.has(partition)) return;
      this.exclusive(partition, () => this.prepare(partition)).catch((err: unknown) => {
        const inARow = this.progress.aborted(partition, Date.now());
        this.logger.warn({ err, partition, inARow }, 'notice partition not prepared; retried');
        this.schedulePrepare(partition, Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** inARow));
      });
    }, delayMs);
    timer.unref();
  }

  /**
   * Opens (or takes) the writer of the partition, which fences earlier holders; then reads the
   * committed subjects offset, brings the index up to the audit log and sets where to read.
   */
  private async prepare(partition: number): Promise<void> {
    if (!this.owned.has(partition) || !this.lease) return;
    const writer = await this.lease.writerFor(partition);
    const committed = await this.committedOffset(partition);
    await this.indexer.catchUp(partition, writer.tip);
    let next = this.noticeState.baselineNext(partition);
    if (next === null || next > committed) {
      // A baseline ahead of the commit belongs to another history (a reset group): rebuilt.
      this.noticeState.dropBaseline(partition);
      next = 0n;
    }
    this.cursors.set(partition, { committed, next });
    this.progress.committed(partition);
    this.seek(partition, next);
    this.consumer?.resume([{ topic: this.topics.subjects, partitions: [partition] }]);
    this.logger.info(
      { partition, committed: committed.toString(), from: next.toString() },
      'notices of partition ready',
    );
  }

  /**
   * The subjects offset the notices are committed to; 0 when none is, or when it lies past the
   * log's end (a re-created subjects topic: every change of the new log is considered once).
   */
  private async committedOffset(partition: number): Promise<bigint> {
    const admin = this.connection.adminClient();
    const [[entry], ends] = await Promise.all([
      admin.fetchOffsets({ groupId: this.env.GATEWAY_GROUP_ID, topics: [this.topics.subjects] }),
      admin.fetchTopicOffsets(this.topics.subjects),
    ]);
    const offset = entry?.partitions.find((p) => p.partition === partition)?.offset;
    const high = BigInt(ends.find((e) => e.partition === partition)?.high ?? '0');
    const committed = offset !== undefined && Number(offset) >= 0 ? BigInt(offset) : 0n;
    return committed > high ? 0n : committed;
  }

  private async handleBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    const partition = batch.partition;
    if (!this.cursors.has(partition) || batch.messages.length === 0) return;
    this.progress.started(partition, Date.now());
    try {
      // The state wait is done before taking the partition's turn, so shares are not held up
      // behind it; inside, the same wait returns at once (positions only grow).
      const ahead = this.unhandled(batch);
      if (ahead.length > 0) {
        const next = BigInt(ahead[ahead.length - 1].offset) + 1n;
        await this.state.awaitSubjectsApplied(partition, next);
      }
      const last = await this.exclusive(partition, () => this.noticeBatch(batch));
      this.progress.committed(partition);
      if (last !== null) resolveOffset(last);
    } catch (err) {
      this.metrics.aborted();
      const inARow = this.progress.aborted(partition, Date.now());
      this.logger.error(
        { err, partition, firstOffset: batch.firstOffset(), inARow },
        'notice batch aborted; it will be retried',
      );
      // Reopened from what Kafka committed, after a pause that grows with the failures.
      this.cursors.delete(partition);
      this.pause(partition);
      await this.exclusive(partition, async () => this.lease?.closeWriter(partition));
      this.schedulePrepare(partition, Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** inARow));
      return;
    }
    await heartbeat();
  }

  /** Plans and commits one batch; returns the last offset handled (null: partition not ready). */
  private async noticeBatch(batch: Batch): Promise<string | null> {
    const partition = batch.partition;
    const cursor = this.cursors.get(partition);
    if (!cursor || !this.lease) return null;
    const messages = this.unhandled(batch);
    if (messages.length === 0) return batch.lastOffset(); // all handled before: move on
    const lastOffset = messages[messages.length - 1].offset;
    const next = BigInt(lastOffset) + 1n;
    // Every share decided from here on sees these changes: the ones decided before are indexed.
    await this.state.awaitSubjectsApplied(partition, next);
    const records = messages.flatMap((m) => {
      const r = this.decoder.decode('subjects', partition, m);
      return r ? [r as ChangeRecord] : [];
    });
    if (next > cursor.committed) await this.commit(partition, records, cursor, next);
    this.noticeState.applyBaseline(partition, records, next);
    cursor.next = next;
    return lastOffset;
  }

  /** The batch's records not handled yet, at most one transaction's worth. */
  private unhandled(batch: Batch): KafkaMessage[] {
    const from = this.cursors.get(batch.partition)?.next;
    if (from === undefined) return [];
    return batch.messages
      .filter((m) => BigInt(m.offset) >= from)
      .slice(0, MAX_CHANGES_PER_TRANSACTION);
  }

  private async commit(
    partition: number,
    records: ChangeRecord[],
    cursor: Cursor,
    next: bigint,
  ): Promise<void> {
    const writer = await this.requireLease().writerFor(partition);
    // Index writes are committed off the event loop: the shares decided without these changes
    // were committed before this turn, and their index writes are waited for here.
    await this.noticeState.indexed(partition);
    const now = new Date();
    const ref = { topic: this.topics.subjects, partition };
    const planned = planBatch(ref, records, cursor.committed, this.noticeState, this.policy, now);
    const prefix = this.env.ONWARD_TOPIC_PREFIX;
    const chained = chainNotices(this.topics, prefix, partition, writer.tip, planned);
    const recipients = new Set(planned.map((p) => p.notice.recipientId));
    await Promise.all([...recipients].map((r) => this.topicAdmin.ensureShareTopic(r)));
    const sealed = this.checkpoints.seal(partition, writer, chained.leaves, now.getTime());
    const unplaced = [...chained.topicMessages, ...sealed.topicMessages];
    const counts = await this.topicAdmin.knownPartitionCounts(topicsNeedingCounts(unplaced));
    await writer.commit({
      topicMessages: withPartitions(unplaced, counts),
      nextOffset: writer.nextOffset,
      tip: chained.tip,
      tree: sealed.tree,
      signed: sealed.signed,
      alsoCommit: { topic: this.topics.subjects, offset: next },
    });
    cursor.committed = next;
    this.notices += planned.length;
    this.metrics.committed(
      planned.map((p) => p.notice),
      records.length,
    );
    if (planned.length > 0) {
      this.logger.info(
        { partition, notices: planned.length, nextOffset: next.toString(), seq: chained.tip?.seq },
        'notices committed',
      );
    }
  }

  private requireLease(): WriterLease {
    if (!this.lease) throw new Error('notice pipeline has no writers');
    return this.lease;
  }

  private seek(partition: number, offset: bigint): void {
    try {
      this.consumer?.seek({ topic: this.topics.subjects, partition, offset: offset.toString() });
    } catch {
      // Not joined yet: the join positions it (position()).
    }
  }

  private pause(partition: number): void {
    try {
      this.consumer?.pause([{ topic: this.topics.subjects, partitions: [partition] }]);
    } catch {
      // Not joined yet: the join pauses every partition without a cursor.
    }
  }
}
