import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent, ChainTip, Recipient, TopicNames } from '@app/contracts';
import type { CompiledPolicy } from '@app/policy';
import { KafkaConnectionService, ONWARD_ENV, ONWARD_KAFKA, ONWARD_LOGGER } from '@app/runtime';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  GATEWAY_POLICY,
  GATEWAY_PSEUDONYM_KEY,
  GATEWAY_TOPICS,
} from '../config/gateway-config.constants';
import type { GatewayEnv } from '../config/gateway-env';

import { NoticeState, type IndexPosition } from '../state/notice-state';
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
  constructor(
    @Inject(ONWARD_KAFKA) private readonly kafka: Kafka,
    @Inject(ONWARD_ENV) private readonly env: GatewayEnv,
    @Inject(GATEWAY_TOPICS) private readonly topics: TopicNames,
    @Inject(ONWARD_LOGGER) private readonly logger: Logger,
    @Inject(GATEWAY_POLICY) private readonly policy: CompiledPolicy,
    @Inject(GATEWAY_PSEUDONYM_KEY) private readonly pseudonymKey: Buffer,
    private readonly connection: KafkaConnectionService,
    private readonly store: StateStore,
    private readonly noticeState: NoticeState,
    private readonly metrics: NoticeMetrics,
  ) {}

  /**
   * Indexes every allowed share of audit partition `partition` up to `tip` (the committed tip
   * of its writer, which has fenced earlier holders, so nothing more is in flight).
   */
  async catchUp(partition: number, tip: ChainTip | null): Promise<void> {
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
        this.index(partition, events, { seq, fromOffset: at.fromOffset });
      },
    });
    this.index(partition, [], { seq: tip?.seq ?? -1, fromOffset: high });
  }

  /** After a share batch committed: indexes its shares (when the partition was caught up). */
  committed(partition: number, events: readonly AuditEvent[]): void {
    const position = this.noticeState.indexPosition(partition);
    if (!position || events.length === 0) return;
    const seq = events[events.length - 1].seq;
    this.index(partition, events, { seq, fromOffset: position.fromOffset });
  }

  private index(partition: number, events: readonly AuditEvent[], position: IndexPosition): void {
    const shares = events
      .filter((e) => e.type === 'share.allowed' && e.subjectId !== null)
      .map((event) => {
        const recipient = this.store.get<Recipient>('recipients', event.recipientId ?? '');
        return {
          event,
          subjectRef: subjectRefOf(this.policy, this.pseudonymKey, recipient, event),
        };
      });
    const evicted = this.noticeState.index(partition, shares, position);
    if (evicted.length > 0) {
      this.metrics.evicted(evicted.length);
      this.logger.warn({ partition, rows: evicted.length }, 'past-recipient rows evicted by bound');
    }
  }
}
