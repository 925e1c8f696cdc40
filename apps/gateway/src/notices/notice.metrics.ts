import { Inject, Injectable } from '@nestjs/common';
import { ONWARD_METRICS } from '@app/runtime';
import { Counter, type Registry } from 'prom-client';
import type { SubjectNotice } from '@app/contracts';

/**
 * Metrics of the notice pipeline. Labels are the closed vocabularies only (kind, cause), never
 * a subject or recipient. Counted when the transaction commits, so a retried batch counts once.
 */
@Injectable()
export class NoticeMetrics {
  private readonly sent: Counter<'kind' | 'cause'>;
  private readonly changes: Counter;
  private readonly aborts: Counter;
  private readonly evictions: Counter;

  constructor(@Inject(ONWARD_METRICS) registry: Registry) {
    const registers = [registry];
    this.sent = new Counter({
      name: 'onward_gateway_notices_sent_total',
      help: 'Subject notices committed to recipients, by kind and cause',
      labelNames: ['kind', 'cause'],
      registers,
    });
    this.changes = new Counter({
      name: 'onward_gateway_subject_changes_noticed_total',
      help: 'Subject change records the notice pipeline has committed past',
      registers,
    });
    this.aborts = new Counter({
      name: 'onward_gateway_notice_batches_aborted_total',
      help: 'Notice pipeline transactions aborted (they are retried)',
      registers,
    });
    this.evictions = new Counter({
      name: 'onward_gateway_past_recipient_evictions_total',
      help: 'Past-recipient index rows evicted by the per-subject bound',
      registers,
    });
  }

  committed(notices: readonly SubjectNotice[], changes: number): void {
    for (const n of notices) this.sent.inc({ kind: n.kind, cause: n.cause });
    this.changes.inc(changes);
  }

  aborted(): void {
    this.aborts.inc();
  }

  evicted(rows: number): void {
    if (rows > 0) this.evictions.inc(rows);
  }
}
