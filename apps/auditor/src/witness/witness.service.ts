import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { parseAuditEvent, type AuditEvent, type TopicNames } from '@app/contracts';
import {
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
  TopicAdmin,
} from '@app/runtime';
import type { Logger } from 'pino';
import { AUDITOR_TOPICS } from '../auditor.constants';
import { Witness, type WitnessOutcome } from './witness';
import { WITNESS_CONTEXT, type WitnessContext } from './witness-context';

/** How often checkpoints waiting for events are judged against the audit topic's end. */
const PENDING_CHECK_MS = 2000;

/**
 * Runs the {@link Witness} on the audit and checkpoints topics (read_committed), with its own
 * consumer so that it depends on nothing the ingest stores. A checkpoint is written in the same
 * transaction as the events it covers, so once the witness has read an audit partition to its
 * end, a checkpoint still beyond its events is a truncation.
 */
@Injectable()
export class WitnessService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: Consumer | undefined;
  private witness: Witness | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly positions = new Map<number, bigint>();

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(AUDITOR_TOPICS) private readonly topics: TopicNames,
    @Inject(WITNESS_CONTEXT) private readonly context: WitnessContext,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether the witness runs (log keys and a cosigner key configured). */
  get enabled(): boolean {
    return this.context.cosigner !== null && this.context.logKeys.length > 0;
  }

  onApplicationBootstrap(): void {
    const { cosigner, logKeys, clusterId } = this.context;
    if (!cosigner || logKeys.length === 0) {
      this.logger.warn('no AUDITOR_CHECKPOINT_KEYS or witness key: checkpoints are not witnessed');
      return;
    }
    this.witness = new Witness(this.context.repo, {
      logKeys,
      cosigner,
      clusterId,
      auditTopic: this.topics.audit,
    });
    void this.start().catch((err: unknown) =>
      this.logger.error({ err }, 'the checkpoint witness could not start'),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.consumer?.disconnect();
    await this.context.repo.close();
  }

  private async start(): Promise<void> {
    // The gateway creates both topics; wait for them (bounded per look, unbounded overall).
    await TopicAdmin.using(this.kafka, (admin) =>
      admin.waitForTopics([this.topics.audit, this.topics.checkpoints], {
        timeoutMs: Infinity,
        intervalMs: 1000,
      }),
    );
    // Nodes of leaves an older auditor stored, before any checkpoint is judged against them.
    await this.witness!.buildNodes();
    // A fresh group reads both topics from the start: stored leaves are skipped by seq.
    const consumer = this.kafka.consumer({
      groupId: `onward-witness-${randomUUID()}`,
      readUncommitted: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.topic === this.topics.audit) {
        this.positions.set(payload.partition, BigInt(payload.lastOffset) + 1n);
      }
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: [this.topics.audit, this.topics.checkpoints],
      fromBeginning: true,
    });
    await consumer.run({ autoCommit: false, eachBatch: (p) => this.onBatch(p) });
    this.timer = setInterval(() => void this.judgePending(), PENDING_CHECK_MS);
    this.timer.unref();
    this.logger.info({ cosigner: this.context.cosigner?.name }, 'checkpoint witness running');
  }

  private async onBatch({ batch }: EachBatchPayload): Promise<void> {
    const witness = this.witness!;
    if (batch.topic === this.topics.audit) {
      const events: AuditEvent[] = [];
      for (const m of batch.messages) {
        const parsed = m.value ? parseAuditEvent(m.value) : null;
        if (parsed?.ok) events.push(parsed.value);
      }
      await witness.acceptEvents(batch.partition, events);
      this.report(await witness.retryPending(batch.partition, false));
      return;
    }
    for (const m of batch.messages) {
      const partition = Number(m.key?.toString());
      if (!Number.isSafeInteger(partition) || partition < 0) continue;
      const outcome = await witness.acceptCheckpoint(partition, m.value?.toString() ?? '', false);
      this.report([outcome]);
    }
  }

  /** Checkpoints still waiting once the audit partition was read to its end: truncation. */
  private async judgePending(): Promise<void> {
    const witness = this.witness;
    const pending = witness?.pendingPartitions() ?? [];
    if (!witness || pending.length === 0) return;
    try {
      const bounds = await TopicAdmin.using(this.kafka, (admin) =>
        admin.partitionBounds(this.topics.audit),
      );
      for (const partition of pending) {
        const high = bounds.get(partition)?.high ?? 0n;
        const complete = (this.positions.get(partition) ?? 0n) >= high;
        this.report(await witness.retryPending(partition, complete));
      }
    } catch (err) {
      this.logger.warn({ err }, 'pending checkpoints not judged this time');
    }
  }

  private report(outcomes: WitnessOutcome[]): void {
    for (const o of outcomes) {
      if (o.outcome === 'alert') {
        this.logger.error(
          { partition: o.alert.partition, size: o.alert.size, kind: o.alert.kind },
          `checkpoint integrity alert: ${o.alert.detail}`,
        );
      } else if (o.outcome === 'cosigned') {
        this.logger.info({ partition: o.head.partition, size: o.head.size }, 'checkpoint cosigned');
      }
    }
  }
}
