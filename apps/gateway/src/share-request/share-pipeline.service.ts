import { Inject, Injectable } from '@nestjs/common';
import type { TopicNames } from '@app/contracts';
import {
  type Batch,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
  topicsNeedingCounts,
  withPartitions,
} from '@app/runtime';
import type { Logger } from 'pino';
import { GATEWAY_TOPICS } from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';
import { PartitionWriter, type BatchOutput } from '../kafka/partition-writer';
import { TopicAdminService } from '../kafka/topic-admin.service';
import { StateSyncService } from '../state/state-sync.service';
import { GatewayMetrics } from '../telemetry/gateway.metrics';
import { PipelineTracer, type BatchTrace, type TracedDecision } from '../telemetry/pipeline-tracer';
import { CheckpointService } from '../transparency/checkpoint.service';
import { NoticePipelineService } from '../notices/notice-pipeline.service';
import { BatchAbortedError } from './batch-aborted.error';
import { chainBatch } from './batch-output';
import { PartitionProgress, type StuckPartition } from './partition-progress';
import {
  ShareRequestProcessor,
  type InputRecord,
  type ProcessedRecord,
} from './share-request.processor';

/** Aborted batches in a row after which `/health` calls a partition stuck. */
const STUCK_AFTER_ABORTS = 3;

/** A committed batch: what was decided and what was written. */
interface Committed {
  processed: ProcessedRecord[];
  output: BatchOutput;
}

/**
 * The exactly-once loop: per fetched batch of one input partition, pass the consent barrier,
 * decide every record, then write shares, audit events, DLQ records and the input offset
 * (with the chain tip) in one transaction. A failure aborts it and the batch is fetched again.
 */
@Injectable()
export class SharePipelineService {
  private consumer: Consumer | undefined;
  private readonly writers = new Map<number, Promise<PartitionWriter>>();
  private assigned: number[] = [];
  private batches = 0;
  private decided = 0;
  /** The DLQ's partition count: DLQ copies go to an explicit partition (batch-output.ts). */
  private dlqPartitions = 1;
  private readonly progress: PartitionProgress;

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    private readonly connection: KafkaConnectionService,
    private readonly topicAdmin: TopicAdminService,
    private readonly state: StateSyncService,
    private readonly processor: ShareRequestProcessor,
    private readonly tracer: PipelineTracer,
    private readonly metrics: GatewayMetrics,
    private readonly checkpoints: CheckpointService,
    private readonly notices: NoticePipelineService,
  ) {
    // A healthy batch waits at most for the barrier and one transaction; the slack is for
    // a slow broker. Beyond that the batch is hung, not slow.
    const maxBatchMs =
      env.GATEWAY_STATE_BARRIER_TIMEOUT_MS + 2 * env.GATEWAY_TRANSACTION_TIMEOUT_MS;
    this.progress = new PartitionProgress({ maxConsecutiveAborts: STUCK_AFTER_ABORTS, maxBatchMs });
  }

  /** Joins the group and starts consuming share requests. */
  async start(): Promise<void> {
    await this.stop(); // a retried start-up must not leave the first consumer behind
    const dlq = this.topics.dlq;
    this.dlqPartitions = (await this.topicAdmin.partitionCounts([dlq])).get(dlq) ?? 1;
    await this.checkpoints.start();
    // Notices share this pipeline's writers: one audit chain per partition, one producer.
    await this.notices.start({
      writerFor: (p) => this.writerFor(p),
      closeWriter: (p) => this.closeWriter(p),
    });
    const consumer = this.kafka.consumer({
      groupId: this.env.GATEWAY_GROUP_ID,
      readUncommitted: false,
      maxBytesPerPartition: this.env.GATEWAY_MAX_BYTES_PER_PARTITION,
      sessionTimeout: this.env.GATEWAY_SESSION_TIMEOUT_MS,
      // kafkajs' default of 3 s would leave a short session timeout no room for a late beat.
      heartbeatInterval: Math.min(3000, Math.floor(this.env.GATEWAY_SESSION_TIMEOUT_MS / 3)),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.onAssignment(payload.memberAssignment[this.topics.shareRequests] ?? []);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topics.shareRequests], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.env.GATEWAY_CONCURRENT_PARTITIONS,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.checkpoints.startTimer(() => this.writers);
  }

  /** For /health: owned partitions, throughput counters and the partitions not progressing. */
  status(): { partitions: number[]; batches: number; decided: number; stuck: StuckPartition[] } {
    return {
      partitions: [...this.assigned].sort((a, b) => a - b),
      batches: this.batches,
      decided: this.decided,
      stuck: this.progress.stuck(Date.now()),
    };
  }

  /** Finishes the batch in flight, leaves the group and closes the producers. */
  async stop(): Promise<void> {
    this.checkpoints.stopTimer();
    // Disconnecting the consumer waits for the batch in flight, then leaves the group.
    await this.consumer?.disconnect();
    this.consumer = undefined;
    await this.notices.stop();
    await Promise.all([...this.writers.keys()].map((p) => this.closeWriter(p)));
  }

  private onAssignment(partitions: number[]): void {
    this.assigned = partitions;
    this.state.retain(partitions); // the subjects state follows the owned partitions
    this.notices.retain(partitions);
    for (const p of [...this.writers.keys()]) {
      if (!partitions.includes(p)) {
        void this.closeWriter(p);
        this.metrics.forget(p);
        this.progress.forget(p);
      }
    }
    for (const p of partitions) void this.writerFor(p).catch(() => undefined);
    this.logger.info({ partitions }, 'assigned input partitions');
  }

  private writerFor(partition: number): Promise<PartitionWriter> {
    let writer = this.writers.get(partition);
    if (!writer) {
      writer = PartitionWriter.open(this.kafka, this.connection.adminClient(), {
        groupId: this.env.GATEWAY_GROUP_ID,
        inputTopic: this.topics.shareRequests,
        auditTopic: this.topics.audit,
        partition,
        transactionalId: `${this.env.GATEWAY_GROUP_ID}.${this.topics.shareRequests}.${partition}`,
        transactionTimeoutMs: this.env.GATEWAY_TRANSACTION_TIMEOUT_MS,
        withTree: this.checkpoints.enabled,
      });
      writer.then(
        (w) => this.metrics.chainTip(partition, w.tip),
        () => this.writers.delete(partition),
      );
      this.writers.set(partition, writer);
    }
    return writer;
  }

  private async closeWriter(partition: number): Promise<void> {
    const writer = this.writers.get(partition);
    this.writers.delete(partition);
    await writer?.then((w) => w.close()).catch(() => undefined);
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    this.progress.started(batch.partition, Date.now());
    try {
      // Shares and notices of a partition take turns (notice-pipeline.service.ts).
      const committed = await this.notices.exclusive(batch.partition, () =>
        this.decideAndCommit(payload),
      );
      if (committed) this.progress.committed(batch.partition);
      else this.progress.idle(batch.partition);
    } catch (err) {
      // A fenced or broken producer is reopened next time: reopening re-reads the committed
      // offset and chain tip, so the retried batch continues exactly where the log says.
      await this.closeWriter(batch.partition);
      this.metrics.aborted();
      const inARow = this.progress.aborted(batch.partition, Date.now());
      this.logger.error(
        { err, partition: batch.partition, firstOffset: batch.firstOffset(), inARow },
        'batch aborted; it will be retried',
      );
      throw new BatchAbortedError(batch.partition, batch.firstOffset() ?? '?');
    }
    resolveOffset(batch.lastOffset());
    await heartbeat();
  }

  /** True when a transaction committed; false when every record had been decided before. */
  private async decideAndCommit({ batch }: EachBatchPayload): Promise<boolean> {
    const trace = this.tracer.startBatch(batch.topic, batch.partition, batch.messages.length);
    try {
      await trace.step('consent-barrier', () => this.state.awaitBarrier(batch.partition));
      const writer = await this.writerFor(batch.partition);
      const inputs = unseenInputs(batch, writer.nextOffset);
      if (inputs.length === 0) {
        trace.end({ records: 0 });
        return false;
      }
      const committed = await this.decideAll(batch.partition, writer, inputs, trace);
      this.report(batch, inputs, committed, trace);
      return true;
    } catch (err) {
      trace.fail(err);
      throw err;
    }
  }

  /** Decides the records, chains their audit events and commits everything in one transaction. */
  private async decideAll(
    partition: number,
    writer: PartitionWriter,
    inputs: InputRecord[],
    trace: BatchTrace,
  ): Promise<Committed> {
    const decided = inputs.map((input) => this.decide(input, trace));
    const processed = decided.map((d) => d.out);
    const traces = decided.map((d) => d.trace);
    const chained = chainBatch(
      this.topics,
      partition,
      writer.tip,
      inputs,
      processed,
      traces,
      this.dlqPartitions,
    );
    const recipients = new Set(
      processed.flatMap((p) => (p.share ? [p.audit.recipientId ?? ''] : [])),
    );
    await Promise.all([...recipients].map((r) => this.topicAdmin.ensureShareTopic(r)));
    const nextOffset = BigInt(inputs[inputs.length - 1].offset) + 1n;
    // The checkpoint (when due) joins the same transaction as the events it covers.
    const sealed = this.checkpoints.seal(partition, writer, chained.leaves, Date.now());
    const unplaced = [...chained.topicMessages, ...sealed.topicMessages];
    const counts = await this.topicAdmin.knownPartitionCounts(topicsNeedingCounts(unplaced));
    const output: BatchOutput = {
      topicMessages: withPartitions(unplaced, counts),
      nextOffset,
      tip: chained.tip,
      tree: sealed.tree,
      signed: sealed.signed,
    };
    const records = chained.topicMessages.reduce((n, t) => n + t.messages.length, 0);
    await trace.step('transaction', () => writer.commit(output), {
      'messaging.batch.message_count': records,
    });
    // Each share's key is the subjectRef its recipient received: the index records it as is.
    const subjectRefs = processed.map((p) => p.share?.key ?? null);
    this.notices.sharesCommitted(partition, chained.events, subjectRefs);
    return { processed, output };
  }

  /** After the commit: counters, metrics, the batch span's end and the batch's one log line. */
  private report(batch: Batch, inputs: InputRecord[], done: Committed, trace: BatchTrace): void {
    const { partition, highWatermark } = batch;
    const { nextOffset, tip } = done.output;
    this.batches += 1;
    this.decided += inputs.length;
    const nowMs = Date.now();
    this.metrics.committed({ ...done, partition, inputs, highWatermark, nextOffset, tip, nowMs });
    const firstOffset = inputs[0].offset;
    trace.end({ records: inputs.length, firstOffset, nextOffset, seq: tip?.seq });
    this.logRefused(inputs, done.processed);
    this.logger.info(
      {
        partition,
        records: inputs.length,
        firstOffset,
        nextOffset: nextOffset.toString(),
        seq: tip?.seq,
        traceId: trace.traceId,
      },
      'batch committed',
    );
  }

  /**
   * One line per refused record, bounded whatever the record holds: where it is, the code and
   * how many violations and bytes, never its key, value or the violation lines (those are in
   * the DLQ header, already bounded).
   */
  private logRefused(inputs: InputRecord[], processed: ProcessedRecord[]): void {
    processed.forEach((out, i) => {
      if (!out.dlq) return;
      const input = inputs[i];
      this.logger.warn(
        {
          partition: input.partition,
          offset: input.offset,
          code: out.dlq.code,
          violations: out.dlq.errors.length,
          keyBytes: input.key?.length ?? 0,
          valueBytes: input.value?.length ?? 0,
        },
        'request refused to the DLQ',
      );
    });
  }

  /** Decides one record, timed for the metrics and traced as its `decide` span. */
  private decide(input: InputRecord, trace: BatchTrace): TracedDecision<ProcessedRecord> {
    return trace.decide(input, () => {
      const started = performance.now();
      const out = this.processor.process(input, new Date());
      this.metrics.decided((performance.now() - started) / 1000);
      return out;
    });
  }
}

/** The batch's records from `from` on: those below were decided by an earlier holder. */
function unseenInputs(batch: Batch, from: bigint): InputRecord[] {
  return batch.messages
    .filter((m) => BigInt(m.offset) >= from)
    .map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
      headers: m.headers,
      timestamp: m.timestamp,
    }));
}
