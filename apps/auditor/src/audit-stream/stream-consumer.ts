import { randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Batch, Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { StreamRecord } from '@app/runtime';

/** What the consumer calls; it owns no state of its own beyond the Kafka client. */
export interface StreamHandlers {
  /** Where to start reading a partition (the store's resume point as last known). */
  resumeAt(topic: string, partition: number): number;
  /** The group gave this instance these partitions (after the seeks to `resumeAt`). */
  onAssigned(assignment: ReadonlyMap<string, readonly number[]>): void;
  /** One fetched, non-empty batch, read_committed. Throwing makes kafkajs fetch it again. */
  onBatch(topic: string, partition: number, messages: StreamRecord[]): Promise<void>;
  /** The partition was read up to its end at the time of the fetch. */
  onCaughtUp(topic: string, partition: number): void;
  /** A batch was processed; the partition is `lag` records behind its high watermark. */
  onProgress(topic: string, partition: number, lag: number): void;
  /** kafkajs gave up and will not restart the consumer. */
  onCrash(error: unknown): void;
}

/** What the ingest needs from a stream: the kafkajs adapter below, or a fake in a unit test. */
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
 * The kafkajs adapter of the ingest. Offsets live in the auditor's store, not in Kafka:
 * nothing is committed, so an auditor never trusts an offset the store did not write together
 * with its records. On every join it seeks each assigned partition to the store's resume point.
 * Alone (SQLite) the group id is new on every start, so a restarted auditor never waits for a
 * dead member's session to expire; shared (PostgreSQL) the auditors split the partitions in
 * one group and a crashed member's partitions move after its session timeout.
 */
export class StreamConsumer implements StreamSource {
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: readonly string[],
    private readonly logger: Logger,
    private readonly group: StreamGroup = {},
  ) {}

  /** Connects, subscribes from the beginning and starts fetching. */
  async start(handlers: StreamHandlers): Promise<void> {
    const groupId = this.group.groupId ?? `onward-auditor-${randomUUID()}`;
    const consumer = this.kafka.consumer({
      groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      // A shorter long-poll than kafkajs's 5 s: shutdown waits for the fetch in flight.
      maxWaitTimeInMs: 1000,
      ...(this.group.sessionTimeoutMs === undefined
        ? {}
        : {
            sessionTimeout: this.group.sessionTimeoutMs,
            heartbeatInterval: Math.floor(this.group.sessionTimeoutMs / 10),
          }),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assignment = new Map<string, number[]>();
      for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
        assignment.set(topic, partitions);
        for (const partition of partitions) {
          const offset = handlers.resumeAt(topic, partition);
          if (offset > 0) consumer.seek({ topic, partition, offset: String(offset) });
        }
      }
      this.logger.info(
        { groupId, assignment: Object.fromEntries(assignment) },
        'audit stream partitions assigned',
      );
      handlers.onAssigned(assignment);
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      handlers.onProgress(payload.topic, payload.partition, Number(payload.offsetLag));
      if (payload.offsetLag === '0') handlers.onCaughtUp(payload.topic, payload.partition);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) handlers.onCrash(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    this.logger.info({ groupId, topics: this.topics }, 'reading the audit stream');
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale()) return;
        await traced(batch, () => handlers.onBatch(batch.topic, batch.partition, batch.messages));
        await heartbeat();
      },
    });
  }

  /** Makes the next fetch of a partition start at `offset`. */
  seek(topic: string, partition: number, offset: number): void {
    this.consumer?.seek({ topic, partition, offset: String(offset) });
  }

  /** Stops fetching; a batch being processed finishes first. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }
}

const tracer = trace.getTracer('onward-auditor');

/**
 * One `ingest` span per batch (a no-op when tracing is off): topic, partition, offsets and
 * size only. Per-record spans would cost more than they tell here; the gateway's `decide`
 * spans are where a record's trace lives, and its audit event carries that trace's traceparent.
 */
async function traced(batch: Batch, run: () => Promise<void>): Promise<void> {
  const span = tracer.startSpan(
    'ingest',
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': batch.topic,
        'messaging.destination.partition.id': String(batch.partition),
        'messaging.batch.message_count': batch.messages.length,
        'onward.first_offset': batch.firstOffset() ?? undefined,
        'onward.last_offset': batch.lastOffset(),
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
