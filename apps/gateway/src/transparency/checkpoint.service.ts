import { Inject, Injectable } from '@nestjs/common';
import { leafHash, type NoteSigner, type TopicNames } from '@app/contracts';
import {
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_LOGGER,
  type TopicMessages,
} from '@app/runtime';
import type { Logger } from 'pino';
import { GATEWAY_CHECKPOINT_KEY, GATEWAY_TOPICS } from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';
import type { BatchOutput, PartitionWriter } from '../kafka/partition-writer';
import { CheckpointSigner } from './checkpoint-signer';

/** What a batch adds for transparency: its tree, and a checkpoint record when one is due. */
type Sealed = Pick<BatchOutput, 'tree' | 'signed'> & { topicMessages: TopicMessages[] };

/**
 * Signed checkpoints of the audit partitions (DESIGN §7). A batch's checkpoint rides in the
 * batch's own transaction, so a checkpoint can never cover an event that is not committed, and
 * a crash can never leave committed events with a tree that disagrees with them. A timer signs
 * the last events of a quiet partition in a transaction of their own.
 */
@Injectable()
export class CheckpointService {
  private signer: CheckpointSigner | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(GATEWAY_CHECKPOINT_KEY) private readonly key: NoteSigner | null,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    private readonly connection: KafkaConnectionService,
  ) {}

  /** Whether checkpoints are written (a key is configured). */
  get enabled(): boolean {
    return this.key !== null;
  }

  /** Resolves the cluster id of the origin lines; call before the first batch. */
  async start(): Promise<void> {
    if (!this.key) {
      this.logger.warn('no GATEWAY_CHECKPOINT_KEY(_FILE): audit checkpoints are off');
      return;
    }
    const clusterId =
      this.env.ONWARD_CLUSTER_ID ?? (await this.connection.topicAdmin().clusterId());
    this.signer = new CheckpointSigner(this.key, clusterId, this.topics.audit, {
      everyEvents: this.env.GATEWAY_CHECKPOINT_EVERY_EVENTS,
      intervalMs: this.env.GATEWAY_CHECKPOINT_INTERVAL_MS,
    });
    this.logger.info(
      { keyName: this.key.name, keyId: this.key.keyId.toString(16), origin: this.signer.origin(0) },
      'signing audit checkpoints',
    );
  }

  /**
   * Grows `writer`'s tree by the events whose leaf bytes (their canonical JSON, `auditLeaf`,
   * computed once when chained) are `leaves`, and signs it when due; nothing when off.
   */
  seal(partition: number, writer: PartitionWriter, leaves: Buffer[], nowMs: number): Sealed {
    if (!this.signer || !writer.tree) return { topicMessages: [] };
    const tree = writer.tree.clone();
    for (const leaf of leaves) tree.append(leafHash(leaf));
    if (!this.signer.isDue(tree, writer.signed, nowMs)) return { tree, topicMessages: [] };
    return {
      tree,
      signed: { size: tree.size, atMs: nowMs },
      topicMessages: [
        { topic: this.topics.checkpoints, messages: [this.signer.record(partition, tree)] },
      ],
    };
  }

  /** Every interval, signs the partitions whose last events no checkpoint covers yet. */
  startTimer(writers: () => Map<number, Promise<PartitionWriter>>): void {
    this.stopTimer();
    if (!this.signer) return;
    const signer = this.signer;
    const tick = Math.max(100, Math.floor(this.env.GATEWAY_CHECKPOINT_INTERVAL_MS / 2));
    this.timer = setInterval(() => {
      for (const [partition, pending] of writers()) {
        const nowMs = Date.now();
        void pending
          .then((w) =>
            w.commitCheckpoint(
              (tree, signed) =>
                signer.isDue(tree, signed, nowMs) ? signer.record(partition, tree) : null,
              this.topics.checkpoints,
              nowMs,
            ),
          )
          // A fenced or closed writer: the next batch reopens it and signs then.
          .catch((err: unknown) => this.logger.warn({ err, partition }, 'checkpoint not written'));
      }
    }, tick);
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
