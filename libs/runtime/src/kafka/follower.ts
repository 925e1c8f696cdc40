import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { classifyError } from '../errors/classify-error';
import { OnwardError } from '../errors/onward-error';
import { chunkRecords, settlesWithin, withHeartbeats } from './follower-batch';
import type { FollowHandlers, FollowOptions, FollowStart } from './follower.types';

const DEFAULTS = {
  groupPrefix: 'onward-follower',
  maxBatchRecords: 1000,
  maxWaitTimeMs: 1000,
  heartbeatIntervalMs: 3000,
  stopTimeoutMs: 10_000,
};

/** Thrown into kafkajs to end the consumer without a restart; the real error goes to onError. */
class FollowerHaltError extends OnwardError {
  override name = 'FollowerHaltError';
}

/**
 * The one consumer of the runtime: follows topics from a start point and hands each partition's
 * records, in offset order and in bounded batches, to a handler. kafkajs cannot assign
 * partitions by hand, so every follower is a group member: a throwaway group (new for each follower,
 * nothing committed) unless `groupId` names one. Offsets the caller keeps in its own store are
 * applied by seeking on every join. Errors are classified once: a retriable one (a broker
 * condition, a store marked retriable) has the batch fetched again after a bounded backoff and
 * the consumer restarted if it keeps failing; any other stops the follower and is surfaced.
 */
export class Follower {
  private stopping: Promise<void> | null = null;
  private failure: OnwardError | null = null;

  private readonly consumer: Consumer;
  private started = false;
  /** The group this follower reads under (a throwaway one when none was named). */
  readonly groupId: string;

  /** Prepares the consumer; nothing is fetched before {@link start}. */
  constructor(
    kafka: Kafka,
    private readonly options: FollowOptions,
    private readonly handlers: FollowHandlers,
  ) {
    this.groupId =
      options.groupId ?? `${options.groupPrefix ?? DEFAULTS.groupPrefix}-${randomUUID()}`;
    this.consumer = kafka.consumer({
      groupId: this.groupId,
      readUncommitted: options.readUncommitted ?? false,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? DEFAULTS.maxWaitTimeMs,
      ...(options.maxBytesPerPartition === undefined
        ? {}
        : { maxBytesPerPartition: options.maxBytesPerPartition }),
      ...sessionOptions(options),
      retry: {
        ...(options.retry?.initialDelayMs === undefined
          ? {}
          : { initialRetryTime: options.retry.initialDelayMs }),
        ...(options.retry?.maxDelayMs === undefined
          ? {}
          : { maxRetryTime: options.retry.maxDelayMs }),
        // kafkajs restarts after retriable crashes; never once stopped or failed for good.
        restartOnFailure: async () => this.isLive(),
      },
    });
  }

  /**
   * Connects, subscribes and starts fetching; once only. The first join (and its seeks) happens
   * before it returns. A failure to start is thrown, classified, with the consumer let go.
   */
  async start(): Promise<void> {
    if (this.started) throw new OnwardError(`follower ${this.groupId} started twice`);
    this.started = true;
    try {
      await this.run();
    } catch (error) {
      await this.consumer.disconnect().catch(() => undefined);
      throw classifyError(error, `follower ${this.groupId} could not start: ${describe(error)}`);
    }
  }

  /** Makes the next fetch of a partition start at `offset` (a batch in hand goes stale). */
  seek(topic: string, partition: number, offset: bigint): void {
    if (this.isLive()) this.consumer.seek({ topic, partition, offset: offset.toString() });
  }

  /** Stops fetching the partitions until {@link resume}; the batch in hand still finishes. */
  pause(topic: string, partitions: readonly number[]): void {
    this.consumer.pause([{ topic, partitions: [...partitions] }]);
  }

  /** Fetches paused partitions again. */
  resume(topic: string, partitions: readonly number[]): void {
    this.consumer.resume([{ topic, partitions: [...partitions] }]);
  }

  /**
   * Lets the batch in flight finish and leaves the group, waiting at most `stopTimeoutMs`: a
   * handler that hangs is left to finish alone (no later batch is handed over) and the leave
   * goes on in the background. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const limit = this.options.stopTimeoutMs ?? DEFAULTS.stopTimeoutMs;
      await settlesWithin(this.consumer.disconnect(), limit);
    })();
    return this.stopping;
  }

  private isLive(): boolean {
    return this.stopping === null && this.failure === null;
  }

  private async run(): Promise<void> {
    const { consumer, handlers } = this;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.joined(payload.memberAssignment));
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const next = BigInt(payload.lastOffset) + 1n;
      const { topic, partition } = payload;
      handlers.onProgress?.({ topic, partition, next, lag: BigInt(payload.offsetLag) });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.fail(this.failure ?? classifyError(payload.error));
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: fallbackOf(this.options.start) === 'earliest',
    });
    await consumer.run({
      autoCommit: this.options.commit ?? false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrentPartitions ?? 1,
      eachBatch: (payload) => this.handle(payload),
    });
  }

  /** On every join: seek each assigned partition to the caller's offset, then tell the caller. */
  private joined(memberAssignment: Record<string, number[]>): void {
    const assignment = new Map<string, number[]>();
    const { start } = this.options;
    for (const [topic, partitions] of Object.entries(memberAssignment)) {
      assignment.set(topic, partitions);
      if (typeof start !== 'object' || !('offsets' in start)) continue;
      for (const partition of partitions) {
        const offset = start.offsets(topic, partition);
        if (offset !== undefined) this.seek(topic, partition, offset);
      }
    }
    this.handlers.onAssigned?.(assignment);
  }

  /** One fetched batch: handed over in bounded runs, each resolved once handled. */
  private async handle(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, resolveOffset, isRunning, isStale } = payload;
    const current = () => isRunning() && !isStale() && this.isLive();
    const max = this.options.maxBatchRecords ?? DEFAULTS.maxBatchRecords;
    for (const records of chunkRecords(batch.messages, max)) {
      if (!current()) return;
      const handed = { topic: batch.topic, partition: batch.partition, records };
      try {
        await withHeartbeats(heartbeat, this.beatMs(), async () =>
          this.handlers.onBatch({ ...handed, highWatermark: BigInt(batch.highWatermark) }),
        );
      } catch (error) {
        throw this.afterHandlerError(error, batch.topic, batch.partition, records[0].offset);
      }
      // A seek made by the handler wins over what it was handed.
      if (current()) resolveOffset(records[records.length - 1].offset);
    }
    if (current()) resolveOffset(batch.lastOffset());
    await heartbeat();
  }

  /**
   * What kafkajs gets back from a failed handler: a retriable error as it is (kafkajs fetches
   * the batch again after a backoff), anything else a halt that ends the consumer for good.
   */
  private afterHandlerError(error: unknown, topic: string, partition: number, offset: string) {
    const classified = classifyError(error);
    if (classified.retriable) return classified;
    this.failure ??= classifyError(
      error,
      `follower ${this.groupId}: handler failed at ${topic}/${partition} offset ${offset}: ${describe(error)}`,
    );
    return new FollowerHaltError(this.failure.message, { retriable: false });
  }

  private fail(error: OnwardError): void {
    this.failure = error;
    void this.consumer
      .disconnect()
      .catch(() => undefined)
      .then(() => this.handlers.onError?.(error));
  }

  private beatMs(): number {
    return heartbeatMs(this.options);
  }
}

function heartbeatMs(options: FollowOptions): number {
  if (options.heartbeatIntervalMs !== undefined) return options.heartbeatIntervalMs;
  if (options.sessionTimeoutMs !== undefined) return Math.floor(options.sessionTimeoutMs / 10);
  return DEFAULTS.heartbeatIntervalMs;
}

function sessionOptions(options: FollowOptions): {
  sessionTimeout?: number;
  heartbeatInterval?: number;
} {
  return {
    ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
    heartbeatInterval: heartbeatMs(options),
  };
}

/** Where a partition starts when the start point names no offset for it. */
function fallbackOf(start: FollowStart): 'earliest' | 'latest' {
  if (start === 'earliest' || start === 'latest') return start;
  if ('committed' in start) return start.committed;
  return start.otherwise ?? 'earliest';
}

/** The error's name only: messages of drivers may quote data. */
function describe(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
