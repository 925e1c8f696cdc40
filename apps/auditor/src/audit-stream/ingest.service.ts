import type { TopicNames } from '@app/contracts';
import { type Admin, dependencyFailure, type StreamRecord } from '@app/runtime';
import type { Logger } from 'pino';
import type { IngestRepository } from '../store/audit-store';
import { PartitionFencedError } from '../store/partition-fenced.error';
import type { ChainCheckpoint } from '../store/store.types';
import type { IngestMetrics } from './ingest-metrics';
import type { IngestStatus } from './ingest-status';
import { flushAuditChain, verifyAuditBatch } from './audit-batch';
import { PartitionChain } from './partition-chain';
import { readRecipientBatch } from './recipient-batch';
import { usesLogAppendTime } from './registration-time';
import type { StreamSource } from './stream-consumer';
import { waitForTopics } from './topic-wait';

/** Tuning of the ingest. */
export interface IngestOptions {
  /** How long a record held back at the end of the stream waits for its successor. */
  holdMs: number;
  /** How often to look for the topics while they do not exist yet. */
  topicWaitMs: number;
}

/** What the ingest works with. */
export interface IngestDependencies {
  topics: TopicNames;
  store: IngestRepository;
  consumer: StreamSource;
  logger: Logger;
  options: IngestOptions;
  status: IngestStatus;
  metrics?: IngestMetrics;
  now?: () => Date;
  /** Who claims the partitions in the store (several auditors may share it). */
  owner?: string;
}

/**
 * Reads the audit and recipients topics into the store. Batches are processed one at a time
 * (also with the timers that settle held records), so a partition's chain only ever sees its
 * records in offset order. After a failed write the in-memory chains are dropped and rebuilt
 * from the store, and the follower hands the batch over again: nothing is lost or stored twice.
 *
 * An audit partition is read under a claim: on every assignment the first batch claims the
 * partition in the store (fencing out whoever had it), rebuilds its chain from the stored
 * checkpoint and seeks there. A write refused because another auditor claimed the partition
 * since drops it until the group assigns partitions again.
 */
export class IngestService {
  private readonly chains = new Map<number, PartitionChain>();
  /** Audit partitions fenced out by another auditor's claim, ignored until the next join. */
  private readonly lost = new Set<number>();
  private checkpoints = new Map<number, ChainCheckpoint>();
  private recipientOffsets = new Map<number, number>();
  /** Whether the recipients topic's timestamps are the broker's (see registration-time.ts). */
  private recipientsLogAppendTime = false;
  private readonly holdTimers = new Map<number, NodeJS.Timeout>();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private readonly topics: TopicNames;
  private readonly store: IngestRepository;
  private readonly consumer: StreamSource;
  private readonly logger: Logger;
  private readonly options: IngestOptions;
  private readonly status: IngestStatus;
  private readonly metrics: IngestMetrics | undefined;
  private readonly now: () => Date;
  private readonly owner: string;

  constructor(deps: IngestDependencies) {
    ({ topics: this.topics, store: this.store, consumer: this.consumer } = deps);
    ({ logger: this.logger, options: this.options, status: this.status } = deps);
    this.metrics = deps.metrics;
    this.now = deps.now ?? (() => new Date());
    this.owner = deps.owner ?? 'auditor';
  }

  /** Waits for the topics, loads the resume points and starts reading; false if stopped first. */
  async start(admin: Admin): Promise<boolean> {
    const partitions = await waitForTopics(admin, [this.topics.audit, this.topics.recipients], {
      intervalMs: this.options.topicWaitMs,
      stopped: () => this.stopped,
      onWait: () => {
        this.status.state = 'waiting-for-topics';
        this.logger.warn({ topics: this.topics }, 'waiting for the topics to exist');
      },
    });
    if (partitions === null) return false;
    await this.store.registerAuditPartitions(partitions.get(this.topics.audit) ?? []);
    this.checkpoints = await this.store.auditCheckpoints();
    this.recipientOffsets = await this.store.recipientOffsets();
    this.recipientsLogAppendTime = await usesLogAppendTime(admin, this.topics.recipients);
    if (!this.recipientsLogAppendTime) {
      this.logger.warn(
        { topic: this.topics.recipients },
        'recipients topic has producer timestamps: registrations count from when the auditor reads them',
      );
    }
    if (this.stopped) return false;
    await this.consumer.start({
      resumeAt: (topic, partition) => this.resumeAt(topic, partition),
      onAssigned: (assignment) => {
        void this.serial(() => this.assigned(assignment)).catch((error: unknown) =>
          this.logger.error({ err: error }, 'could not reload the resume points'),
        );
      },
      onBatch: (topic, partition, messages) =>
        this.serial(() => this.ingest(topic, partition, messages)),
      onCaughtUp: (topic, partition) => this.caughtUp(topic, partition),
      onProgress: (topic, partition, lag) => {
        if (topic === this.topics.audit) this.metrics?.lag(partition, lag);
      },
      onCrash: (error) => {
        this.status.state = 'failed';
        this.logger.error({ err: error }, 'the audit stream consumer stopped for good');
      },
    });
    this.status.state = 'running';
    return true;
  }

  /** Marks the ingest failed for good (a start that threw) and lets go of the consumer. */
  async fail(): Promise<void> {
    this.status.state = 'failed';
    await this.consumer.stop().catch(() => undefined);
  }

  /** Stops reading; the batch in flight finishes and is stored. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.holdTimers.values()) clearTimeout(timer);
    this.holdTimers.clear();
    await this.consumer.stop();
    await this.queue;
    this.status.state = 'stopped';
  }

  private resumeAt(topic: string, partition: number): number {
    if (topic === this.topics.audit) return this.checkpoints.get(partition)?.nextOffset ?? 0;
    return this.recipientOffsets.get(partition) ?? 0;
  }

  /**
   * A new assignment: every audit partition is claimed again before its next batch (someone
   * else may have read it in between), and the recipients offsets are reloaded.
   */
  private async assigned(assignment: ReadonlyMap<string, readonly number[]>): Promise<void> {
    const audit = new Set(assignment.get(this.topics.audit) ?? []);
    for (const partition of new Set([...this.chains.keys(), ...this.holdTimers.keys()])) {
      this.cancelHold(partition);
      this.chains.delete(partition);
    }
    this.lost.clear();
    this.logger.debug({ partitions: [...audit] }, 'audit partitions to claim');
    if ((assignment.get(this.topics.recipients) ?? []).length > 0) {
      this.recipientOffsets = await this.store.recipientOffsets();
    }
  }

  private async ingest(topic: string, partition: number, messages: StreamRecord[]): Promise<void> {
    try {
      if (topic === this.topics.audit) await this.ingestAudit(partition, messages);
      else await this.ingestRecipients(partition, messages);
    } catch (error) {
      if (error instanceof PartitionFencedError) return this.fenced(partition);
      this.logger.error({ err: error, topic, partition }, 'could not store a batch; retrying');
      if (topic === this.topics.audit) this.rewind(partition);
      // A store write that failed is retried: the follower backs off and hands the batch over
      // again (recipients: the same batch, nothing was kept). A programming error stops the stream.
      throw dependencyFailure(error);
    }
  }

  /**
   * After a failed write the partition's chain has read records the store did not take:
   * forget it and read again from the stored checkpoint, which may lie before this batch.
   */
  private rewind(partition: number): void {
    this.chains.delete(partition);
    this.consumer.seek(this.topics.audit, partition, this.resumeAt(this.topics.audit, partition));
  }

  /** Another auditor claimed the partition since this one did: leave it to that one. */
  private fenced(partition: number): void {
    this.logger.info({ topic: this.topics.audit, partition }, 'audit partition taken over');
    this.cancelHold(partition);
    this.chains.delete(partition);
    this.lost.add(partition);
  }

  /**
   * Claims the partition and rebuilds its chain from the stored checkpoint, then seeks there:
   * the batch in hand may start anywhere, and the next one starts at the checkpoint.
   */
  private async claim(partition: number): Promise<void> {
    const { checkpoint, epoch } = await this.store.claimAuditPartition(partition, this.owner);
    this.checkpoints.set(partition, checkpoint);
    this.chains.set(partition, new PartitionChain(partition, checkpoint, epoch));
    this.consumer.seek(this.topics.audit, partition, checkpoint.nextOffset);
    this.logger.info(
      { topic: this.topics.audit, partition, epoch, nextOffset: checkpoint.nextOffset },
      'audit partition claimed',
    );
  }

  private async ingestAudit(partition: number, messages: StreamRecord[]): Promise<void> {
    if (this.lost.has(partition)) return;
    this.cancelHold(partition);
    const chain = this.chains.get(partition);
    if (!chain) return this.claim(partition);
    const write = verifyAuditBatch(chain, messages, this.now().toISOString());
    if (write.records.length === 0) return;
    await this.store.writeAuditBatch(write);
    this.checkpoints.set(partition, write.checkpoint ?? { tip: null, nextOffset: 0 });
    const offsets = write.records.map((r) => r.offset);
    this.metrics?.stored(partition, offsets, write.alerts);
    this.logger.debug(
      {
        topic: this.topics.audit,
        partition,
        records: offsets.length,
        firstOffset: offsets[0],
        lastOffset: offsets[offsets.length - 1],
        alerts: write.alerts.length,
      },
      'audit batch stored',
    );
    this.logAlerts(write.alerts);
  }

  private async ingestRecipients(partition: number, messages: StreamRecord[]): Promise<void> {
    const from = this.recipientOffsets.get(partition) ?? 0;
    const clock = { logAppendTime: this.recipientsLogAppendTime, seenAtMs: this.now().getTime() };
    const { write, skipped } = readRecipientBatch(partition, messages, from, clock);
    if (write.nextOffset === from) return;
    await this.store.writeRecipientBatch(write);
    this.recipientOffsets.set(partition, write.nextOffset);
    for (const { offset, reason } of skipped) {
      this.logger.warn(
        { topic: this.topics.recipients, partition, offset, reason },
        'recipient record skipped',
      );
    }
  }

  private caughtUp(topic: string, partition: number): void {
    if (topic !== this.topics.audit || this.stopped) return;
    if (!this.chains.get(partition)?.isHolding()) return;
    this.cancelHold(partition);
    const timer = setTimeout(() => {
      this.holdTimers.delete(partition);
      void this.serial(() => this.settle(partition)).catch((error: unknown) =>
        this.logger.error({ err: error, partition }, 'could not store a settled record'),
      );
    }, this.options.holdMs);
    this.holdTimers.set(partition, timer);
  }

  /** Nothing followed a held record for `holdMs`: give the verdict without its successor. */
  private async settle(partition: number): Promise<void> {
    const chain = this.chains.get(partition);
    if (this.stopped || !chain?.isHolding()) return;
    const write = flushAuditChain(chain, this.now().toISOString());
    try {
      await this.store.writeAuditBatch(write);
    } catch (error) {
      if (error instanceof PartitionFencedError) return this.fenced(partition);
      this.rewind(partition);
      throw error;
    }
    if (write.checkpoint) this.checkpoints.set(partition, write.checkpoint);
    this.metrics?.stored(partition, [], write.alerts);
    this.logAlerts(write.alerts);
  }

  private cancelHold(partition: number): void {
    const timer = this.holdTimers.get(partition);
    if (timer) clearTimeout(timer);
    this.holdTimers.delete(partition);
  }

  private logAlerts(
    alerts: readonly { partition: number; seq: number; offset: string | null; kind: string }[],
  ): void {
    for (const { partition, seq, offset, kind } of alerts) {
      this.logger.error(
        { topic: this.topics.audit, partition, seq, offset, kind },
        'audit chain broken',
      );
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
