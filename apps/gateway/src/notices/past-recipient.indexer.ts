import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent, ChainTip, Recipient, TopicNames } from '@app/contracts';
import { preparePseudonymKey, type CompiledPolicy } from '@app/policy';
import {
  type Kafka,
  KafkaConnectionService,
  ONWARD_ENV,
  ONWARD_KAFKA,
  ONWARD_LOGGER,
} from '@app/runtime';
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import {
  GATEWAY_POLICY,
  GATEWAY_PSEUDONYM_KEY,
  GATEWAY_TOPICS,
} from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';

import { NoticeState, type IndexedShare, type IndexPosition } from '../state/notice-state';
import { StateStore } from '../state/state-store';
import { readAuditShares } from './audit-shares.reader';
import { NoticeMetrics } from './notice.metrics';
import { subjectRefOf } from './subject-ref';

/**
 * Keeps the past-recipient index of each owned partition in step with its audit chain: from
 * the share pipeline's own commits while running, and by reading the audit partition from the
 * index's position after a restart or a new assignment. Only `share.allowed` events count.
 */
@Injectable()
export class PastRecipientIndexer {
  private readonly pseudonymKey: KeyObject;

  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    @Inject(GATEWAY_POLICY) private readonly policy: CompiledPolicy,
    @Inject(GATEWAY_PSEUDONYM_KEY) pseudonymKey: Buffer,
    private readonly connection: KafkaConnectionService,
    private readonly store: StateStore,
    private readonly noticeState: NoticeState,
    private readonly metrics: NoticeMetrics,
  ) {
    this.pseudonymKey = preparePseudonymKey(pseudonymKey);
  }

  /**
   * Indexes every allowed share of audit partition `partition` up to `tip` (the committed tip
   * of its writer, which has fenced earlier holders, so nothing more is in flight), and waits
   * until that is committed. An index left behind by a failed write is rebuilt from the start.
   */
  async catchUp(partition: number, tip: ChainTip | null): Promise<void> {
    await this.noticeState.settleIndex(partition);
    const at = this.noticeState.indexPosition(partition) ?? { seq: -1, fromOffset: 0n };
    // Event seq s sits at an offset ≥ s (one offset per event, plus transaction markers).
    const fromOffset = at.fromOffset > BigInt(at.seq + 1) ? at.fromOffset : BigInt(at.seq + 1);
    const high = await readAuditShares(this.kafka, this.connection.adminClient(), {
      gatewayGroup: this.env.GATEWAY_GROUP_ID,
      auditTopic: this.topics.audit,
      partition,
      fromOffset,
      afterSeq: at.seq,
      onShares: (events) => {
        const seq = events[events.length - 1].seq;
        this.index(partition, this.recomputed(events), { seq, fromOffset: at.fromOffset });
      },
    });
    this.index(partition, [], { seq: tip?.seq ?? -1, fromOffset: high });
    await this.noticeState.indexed(partition);
  }

  /**
   * After a share batch committed: queues the indexing of its shares (when the partition was
   * caught up). `subjectRefs[i]` is what the share of `events[i]` delivered (null: no share),
   * so nothing is recomputed on the share path.
   */
  committed(
    partition: number,
    events: readonly AuditEvent[],
    subjectRefs: readonly (string | null)[],
  ): void {
    const position = this.noticeState.indexPosition(partition);
    if (!position || events.length === 0) return;
    const shares: IndexedShare[] = [];
    events.forEach((event, i) => {
      const subjectRef = subjectRefs[i];
      if (event.type === 'share.allowed' && subjectRef) shares.push({ event, subjectRef });
    });
    const seq = events[events.length - 1].seq;
    this.index(partition, shares, { seq, fromOffset: position.fromOffset });
  }

  /** The subjectRefs of shares read back from the audit log, which does not hold them. */
  private recomputed(events: readonly AuditEvent[]): IndexedShare[] {
    return events
      .filter((e) => e.type === 'share.allowed' && e.subjectId !== null)
      .map((event) => {
        const recipient = this.store.get<Recipient>('recipients', event.recipientId ?? '');
        return {
          event,
          subjectRef: subjectRefOf(this.policy, this.pseudonymKey, recipient, event),
        };
      });
  }

  /** Queues one index write; its outcome is logged here and awaited by whoever plans. */
  private index(partition: number, shares: IndexedShare[], position: IndexPosition): void {
    this.noticeState.index(partition, shares, position).then(
      (evicted) => {
        if (evicted.length === 0) return;
        this.metrics.evicted(evicted.length);
        this.logger.warn(
          { partition, rows: evicted.length },
          'past-recipient rows evicted by bound',
        );
      },
      (err: unknown) => {
        this.logger.error({ err, partition }, 'past-recipient index write failed; it is rebuilt');
      },
    );
  }
}
