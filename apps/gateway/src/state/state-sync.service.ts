import { Inject, Injectable } from '@nestjs/common';
import { gatewayReaderGroup, type TopicNames } from '@app/contracts';
import {
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
} from '@app/runtime';
import type { Logger } from 'pino';
import { GATEWAY_TOPICS } from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';
import { ShareTopicsService } from './share-topics.service';
import { StatePositions, type OffsetTargets } from './state-positions';
import { StateRecordDecoder } from './state-record.decoder';
import { StateStore, type StateKind } from './state-store';

/** A partition's log range as the broker reports it now. */
interface LogRange {
  low: bigint;
  high: bigint;
}

/** How far the restore of an owned subjects partition got. */
interface Restore {
  target: bigint;
  startedAt: number;
  ms: number | null;
}

/**
 * Materialises recipients (every partition) and the subjects of the owned partitions into the
 * on-disk store, each partition resuming from its checkpoint, and enforces the consent barrier
 * (DESIGN §6): before a batch of request partition p is decided, every recipients record and
 * every record of subjects partition p that was in the log when the batch was fetched is applied.
 *
 * kafkajs has no manual assignment (`assign()`): a consumer always joins a group. So the state
 * consumer joins a throwaway group of its own (it is the only member, so it is handed every
 * partition, and commits nothing), then, on every join, pauses the subjects partitions this
 * instance does not own and seeks the others to their checkpoints. Ownership follows the share
 * pipeline's assignment: {@link retain} on each rebalance, and a barrier on a partition not yet
 * owned restores it first.
 */
@Injectable()
export class StateSyncService {
  private consumer: Consumer | undefined;
  private readonly positions = new StatePositions();
  private readonly decoder: StateRecordDecoder;
  private readonly owned = new Set<number>();
  private readonly owning = new Map<number, Promise<void>>();
  private readonly restores = new Map<number, Restore>();
  private recipientPartitions: number[] = [];
  private subjectPartitions: number[] = [];
  private lastTargets: OffsetTargets = new Map();
  private startupRestoreMs: number | null = null;
  /** Why the state is stuck, since when: a crashed consumer or a barrier that timed out. */
  private stuck: { reason: string; since: string } | null = null;

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    private readonly connection: KafkaConnectionService,
    private readonly shareTopics: ShareTopicsService,
    private readonly store: StateStore,
  ) {
    this.decoder = new StateRecordDecoder(logger, env.ONWARD_TOPIC_PREFIX);
  }

  /**
   * Opens the store (rebuilding it when it cannot be resumed), resumes every recipients
   * partition and the subjects partitions it holds a checkpoint of, and waits until caught up.
   */
  async start(): Promise<void> {
    await this.stop(); // a retried start-up must not leave the first consumer behind
    const started = Date.now();
    const { clusterId } = await this.connection.adminClient().describeCluster();
    const reason = this.store.open({ clusterId, topicPrefix: this.env.ONWARD_TOPIC_PREFIX });
    if (reason) this.logger.warn({ reason }, 'state store rebuilt from the beginning of the log');
    const [recipients, subjects] = await Promise.all([
      this.logRanges(this.topics.recipients),
      this.logRanges(this.topics.subjects),
    ]);
    // Recipients resumed from the store are not read again: their share topics are checked now.
    for (const id of this.store.keys('recipients')) this.shareTopics.register(id);
    this.recipientPartitions = [...recipients.keys()];
    this.subjectPartitions = [...subjects.keys()];
    for (const [p, range] of recipients) this.resume('recipients', p, range);
    for (const p of this.store.partitionsWithCheckpoint('subjects')) {
      const range = subjects.get(p);
      if (range) this.adopt(p, range);
      else this.store.drop('subjects', p);
    }
    await this.startConsumer();
    await this.awaitTargets(this.ownedTargets(recipients, subjects));
    this.startupRestoreMs = Date.now() - started;
    this.logger.info(
      { ...this.counts(), restoreMs: this.startupRestoreMs, resumed: reason === null },
      'state caught up',
    );
  }

  /**
   * Follows the share pipeline's assignment: partitions given away are dropped from the store
   * (an instance keeps no personal data it no longer decides on, and no stale copy that misses
   * later erasures); newly owned ones start restoring now, before their first batch.
   */
  retain(requestPartitions: number[]): void {
    const keep = new Set(requestPartitions);
    for (const p of [...this.owned]) if (!keep.has(p)) this.release(p);
    for (const p of keep) {
      this.own(p).catch((err: unknown) =>
        this.logger.warn({ err, partition: p }, 'restoring a subjects partition failed; retried'),
      );
    }
  }

  /**
   * The consent barrier: resolves once every recipients partition and the subjects partition
   * co-partitioned with `requestPartition` have been applied up to their current end offsets,
   * read now, after the batch was fetched. A partition not yet owned is restored first.
   */
  async awaitBarrier(requestPartition: number): Promise<void> {
    await this.own(requestPartition);
    const [recipients, subjects] = await Promise.all([
      this.endOffsets(this.topics.recipients),
      this.endOffsets(this.topics.subjects),
    ]);
    const targets: OffsetTargets = new Map([
      [this.topics.recipients, recipients],
      [this.topics.subjects, new Map([[requestPartition, subjects.get(requestPartition) ?? 0n]])],
    ]);
    await this.awaitTargets(targets);
    // A recipient registered just now is held for (boundedly) while its topic is created.
    await this.shareTopics.awaitFresh();
  }

  /**
   * Resolves once subjects partition `partition` is applied to the store up to `next`: from
   * then on every decision sees those records (the notice pipeline's wait, DESIGN §7).
   */
  async awaitSubjectsApplied(partition: number, next: bigint): Promise<void> {
    await this.own(partition);
    const targets: OffsetTargets = new Map([[this.topics.subjects, new Map([[partition, next]])]]);
    await this.positions.waitFor(targets, this.env.GATEWAY_STATE_BARRIER_TIMEOUT_MS);
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

  /** For /health: caught up, counts per partition, store size, restore progress. */
  status(): Record<string, unknown> {
    return {
      caughtUp: this.positions.reached(this.lastTargets),
      lag: Number(this.positions.lag(this.lastTargets)),
      ...this.counts(),
      storeBytes: this.store.bytesOnDisk(),
      startupRestoreMs: this.startupRestoreMs,
      partitions: this.partitionStatus(),
      invalidRecords: this.decoder.invalidRecords(),
      stuck: this.stuck,
      shareTopicProblems: this.shareTopics.problems(),
    };
  }

  /** Per owned subjects partition: subjects held and restore progress (for /health, /metrics). */
  partitionStatus(): {
    partition: number;
    subjects: number;
    appliedOffset: string;
    targetOffset: string;
    restoreMs: number | null;
  }[] {
    return [...this.owned]
      .sort((a, b) => a - b)
      .map((partition) => {
        const restore = this.restores.get(partition);
        return {
          partition,
          subjects: this.store.checkpoint('subjects', partition)?.keys ?? 0,
          appliedOffset: this.positions.position(this.topics.subjects, partition).toString(),
          targetOffset: (restore?.target ?? 0n).toString(),
          restoreMs: restore?.ms ?? null,
        };
      });
  }

  /** State records not yet applied at the last barrier's targets (0 when caught up), for metrics. */
  catchUpLag(): number {
    return Number(this.positions.lag(this.lastTargets));
  }

  /** Bytes of the store on disk, for metrics. */
  storeBytes(): number {
    return this.store.bytesOnDisk();
  }

  /** Stops reading the state topics and closes the store (its checkpoints stay for a restart). */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
    this.store.close();
  }

  private async startConsumer(): Promise<void> {
    const groupId = gatewayReaderGroup(this.env.GATEWAY_GROUP_ID, 'state');
    const consumer = this.kafka.consumer({ groupId, readUncommitted: false });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => this.position(consumer));
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const isSubjects = payload.topic === this.topics.subjects;
      if (isSubjects && !this.owned.has(payload.partition)) return;
      this.positions.advance(payload.topic, payload.partition, BigInt(payload.lastOffset) + 1n);
      if (isSubjects) this.noteRestored(payload.partition);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.markStuck(`state consumer crashed: ${payload.error.name}`);
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [this.topics.recipients, this.topics.subjects],
      fromBeginning: true,
    });
    await consumer.run({ autoCommit: false, eachBatch: async (b) => this.applyBatch(b) });
  }

  /**
   * On every join of the state consumer (the first, and after kafkajs restarts it): unowned
   * subjects partitions paused, every other partition read on from its checkpoint. This runs
   * before the join's first fetch.
   */
  private position(consumer: Consumer): void {
    const unowned = this.subjectPartitions.filter((p) => !this.owned.has(p));
    if (unowned.length > 0) consumer.pause([{ topic: this.topics.subjects, partitions: unowned }]);
    for (const p of this.recipientPartitions) this.seek(consumer, 'recipients', p);
    for (const p of this.owned) this.seek(consumer, 'subjects', p);
  }

  private seek(consumer: Consumer, kind: StateKind, partition: number): void {
    const offset = (this.store.checkpoint(kind, partition)?.next ?? 0n).toString();
    consumer.seek({ topic: this.topics[kind], partition, offset });
  }

  /** Starts materialising a subjects partition (once; concurrent callers share the restore). */
  private own(partition: number): Promise<void> {
    if (this.owned.has(partition)) return Promise.resolve();
    let pending = this.owning.get(partition);
    if (!pending) {
      pending = this.logRanges(this.topics.subjects)
        .then((ranges) => {
          if (this.owned.has(partition)) return;
          this.adopt(partition, ranges.get(partition) ?? { low: 0n, high: 0n });
          const consumer = this.consumer;
          if (!consumer) return;
          this.seek(consumer, 'subjects', partition);
          consumer.resume([{ topic: this.topics.subjects, partitions: [partition] }]);
        })
        .finally(() => this.owning.delete(partition));
      this.owning.set(partition, pending);
    }
    return pending;
  }

  /** Takes a subjects partition into the owned set, from its checkpoint when it is usable. */
  private adopt(partition: number, range: LogRange): void {
    const next = this.resume('subjects', partition, range);
    this.owned.add(partition);
    this.restores.set(partition, { target: range.high, startedAt: Date.now(), ms: null });
    this.logger.info(
      { partition, from: next.toString(), target: range.high.toString() },
      'restoring subjects partition',
    );
    this.noteRestored(partition);
  }

  /**
   * Where a partition is read on from: its checkpoint, unless that lies outside the log's range
   * (log truncated, topic re-created), in which case the partition is rebuilt from the start.
   */
  private resume(kind: StateKind, partition: number, range: LogRange): bigint {
    const checkpoint = this.store.checkpoint(kind, partition);
    if (checkpoint && (checkpoint.next < range.low || checkpoint.next > range.high)) {
      this.logger.warn(
        {
          topic: this.topics[kind],
          partition,
          checkpoint: checkpoint.next.toString(),
          low: range.low.toString(),
          high: range.high.toString(),
        },
        'state checkpoint outside the log range (truncated or re-created topic); rebuilding it',
      );
      this.store.drop(kind, partition);
    }
    const next = this.store.checkpoint(kind, partition)?.next ?? 0n;
    this.positions.reset(this.topics[kind], partition, next);
    return next;
  }

  private release(partition: number): void {
    this.owned.delete(partition);
    this.restores.delete(partition);
    this.consumer?.pause([{ topic: this.topics.subjects, partitions: [partition] }]);
    this.positions.forget(this.topics.subjects, partition);
    this.store.drop('subjects', partition);
    this.logger.info({ partition }, 'released subjects partition');
  }

  private noteRestored(partition: number): void {
    const restore = this.restores.get(partition);
    if (!restore || restore.ms !== null) return;
    if (this.positions.position(this.topics.subjects, partition) >= restore.target) {
      restore.ms = Date.now() - restore.startedAt;
      this.logger.info({ partition, restoreMs: restore.ms }, 'subjects partition restored');
    }
  }

  private applyBatch({ batch }: EachBatchPayload): void {
    const kind: StateKind = batch.topic === this.topics.recipients ? 'recipients' : 'subjects';
    if (kind === 'subjects' && !this.owned.has(batch.partition)) return;
    const records = batch.messages.flatMap((m) => {
      const r = this.decoder.decode(kind, batch.partition, m);
      return r ? [r] : [];
    });
    this.store.apply(kind, batch.partition, records, BigInt(batch.lastOffset()) + 1n);
    if (kind === 'recipients') {
      // Creating the share topic is queued, never awaited here: a topic the broker refuses
      // (a name colliding with another's) leaves that one recipient undecidable, nothing else.
      for (const r of records) {
        if (r.value) this.shareTopics.register(r.key);
        else this.shareTopics.forget(r.key);
      }
    }
  }

  private async awaitTargets(targets: OffsetTargets): Promise<void> {
    this.lastTargets = targets;
    try {
      await this.positions.waitFor(targets, this.env.GATEWAY_STATE_BARRIER_TIMEOUT_MS);
    } catch (err) {
      this.markStuck('consent barrier timed out: state not caught up');
      throw err;
    }
    this.stuck = null;
  }

  private ownedTargets(
    recipients: Map<number, LogRange>,
    subjects: Map<number, LogRange>,
  ): OffsetTargets {
    const highs = (m: Map<number, LogRange>) => new Map([...m].map(([p, r]) => [p, r.high]));
    const owned = new Map([...highs(subjects)].filter(([p]) => this.owned.has(p)));
    return new Map([
      [this.topics.recipients, highs(recipients)],
      [this.topics.subjects, owned],
    ]);
  }

  private counts(): { recipients: number; subjects: number } {
    const sum = (kind: StateKind, partitions: Iterable<number>) =>
      [...partitions].reduce((n, p) => n + (this.store.checkpoint(kind, p)?.keys ?? 0), 0);
    return {
      recipients: sum('recipients', this.recipientPartitions),
      subjects: sum('subjects', this.owned),
    };
  }

  private markStuck(reason: string): void {
    if (this.stuck?.reason !== reason) this.stuck = { reason, since: new Date().toISOString() };
  }

  private async logRanges(topic: string): Promise<Map<number, LogRange>> {
    const offsets = await this.connection.adminClient().fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }]));
  }

  private async endOffsets(topic: string): Promise<Map<number, bigint>> {
    const ranges = await this.logRanges(topic);
    return new Map([...ranges].map(([p, r]) => [p, r.high]));
  }
}
