import { randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type FollowedBatch, Follower, type Kafka, type StreamRecord } from '@app/runtime';
import type { Logger } from 'pino';

/** What the consumer calls; it owns no state of its own beyond the Kafka client. */
export interface StreamHandlers {
  /** Where to start reading a partition (the store's resume point as last known). */
  resumeAt(topic: string, partition: number): number;
  /** The group gave this instance these partitions (after the seeks to `resumeAt`). */
  onAssigned(assignment: ReadonlyMap<string, readonly number[]>): void;
  /**
   * One non-empty batch, read_committed. Throwing a retriable error (`dependencyFailure`) has it
   * handed over again after a backoff; any other error stops the stream (`onCrash`).
   */
  onBatch(topic: string, partition: number, messages: StreamRecord[]): Promise<void>;
  /** The partition was read up to its end at the time of the fetch. */
  onCaughtUp(topic: string, partition: number): void;
  /** A batch was processed; the partition is `lag` records behind its high watermark. */
  onProgress(topic: string, partition: number, lag: number): void;
  /** The stream stopped for good: a handler error that is not retriable, or a client crash. */
  onCrash(error: unknown): void;
}

/** What the ingest needs from a stream: the follower adapter below, or a fake in a unit test. */
export interface StreamSource {
  start(handlers: StreamHandlers): Promise<void>;
  seek(topic: string, partition: number, offset: number): void;
  stop(): Promise<void>;
}

/** How the auditors of one store read the stream. */
export interface StreamGroup {
  /** The group several auditors share (PostgreSQL store); unset: a group of one, new each start. */
  groupId?: string;
  /** How long the group waits for a silent member before handing its partitions over. */
  sessionTimeoutMs?: number;
}

/**
 * The ingest's adapter of the runtime's follower. Offsets live in the auditor's store, not in
 * Kafka: nothing is committed, so an auditor never trusts an offset the store did not write
 * together with its records. On every join it seeks each assigned partition to the store's
 * resume point. Alone (SQLite) the group id is new on every start, so a restarted auditor never
 * waits for a dead member's session to expire; shared (PostgreSQL) the auditors split the
 * partitions in one group and a crashed member's partitions move after its session timeout.
 */
export class StreamConsumer implements StreamSource {
  private follower: Follower | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: readonly string[],
    private readonly logger: Logger,
    private readonly group: StreamGroup = {},
  ) {}

  /** Connects, subscribes from the beginning and starts fetching. */
  async start(handlers: StreamHandlers): Promise<void> {
    const groupId = this.group.groupId ?? `onward-auditor-${randomUUID()}`;
    const resumeAt = (topic: string, partition: number) => {
      const offset = handlers.resumeAt(topic, partition);
      return offset > 0 ? BigInt(offset) : undefined;
    };
    const follower = new Follower(
      this.kafka,
      {
        topics: this.topics,
        start: { offsets: resumeAt, otherwise: 'earliest' },
        groupId,
        sessionTimeoutMs: this.group.sessionTimeoutMs,
      },
      {
        onAssigned: (assignment) => {
          this.logger.info(
            { groupId, assignment: Object.fromEntries(assignment) },
            'audit stream partitions assigned',
          );
          handlers.onAssigned(assignment);
        },
        onBatch: (batch) =>
          traced(batch, () => handlers.onBatch(batch.topic, batch.partition, batch.records)),
        onProgress: ({ topic, partition, lag }) => {
          handlers.onProgress(topic, partition, Number(lag));
          if (lag === 0n) handlers.onCaughtUp(topic, partition);
        },
        onError: (error) => handlers.onCrash(error),
      },
    );
    // Set before the start: the first batches may seek (a claim) before start() returns.
    this.follower = follower;
    await follower.start();
    this.logger.info({ groupId, topics: this.topics }, 'reading the audit stream');
  }

  /** Makes the next fetch of a partition start at `offset`. */
  seek(topic: string, partition: number, offset: number): void {
    this.follower?.seek(topic, partition, BigInt(offset));
  }

  /** Stops fetching; a batch being processed finishes first (within the follower's bound). */
  async stop(): Promise<void> {
    await this.follower?.stop();
    this.follower = null;
  }
}

const tracer = trace.getTracer('onward-auditor');

/**
 * One `ingest` span per batch (a no-op when tracing is off): topic, partition, offsets and
 * size only. Per-record spans would cost more than they tell here; the gateway's `decide`
 * spans are where a record's trace lives, and its audit event carries that trace's traceparent.
 */
async function traced(batch: FollowedBatch, run: () => Promise<void>): Promise<void> {
  const { records } = batch;
  const span = tracer.startSpan(
    'ingest',
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': batch.topic,
        'messaging.destination.partition.id': String(batch.partition),
        'messaging.batch.message_count': records.length,
        'onward.first_offset': records[0]?.offset,
        'onward.last_offset': records[records.length - 1]?.offset,
      },
    },
    ROOT_CONTEXT,
  );
  try {
    await run();
  } catch (error) {
    const type = error instanceof Error ? error.name : 'unknown';
    span.setAttribute('error.type', type);
    span.setStatus({ code: SpanStatusCode.ERROR, message: type });
    throw error;
  } finally {
    span.end();
  }
}
