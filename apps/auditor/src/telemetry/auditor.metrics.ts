import { Inject, Injectable } from '@nestjs/common';
import type { ChainAlert } from '@app/contracts';
import { ONWARD_METRICS } from '@app/runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { IngestMetrics } from '../audit-stream/ingest-metrics';

/** Alert keys remembered to count each alert once; a long tampered stretch must not grow memory. */
const MAX_REMEMBERED_ALERTS = 10_000;

/**
 * The auditor's Prometheus metrics: counts only, labelled by alert kind or partition. A batch
 * read again after a failed write (the ingest rewinds to its checkpoint) is not counted twice:
 * records by the highest offset counted per partition, alerts by their identity.
 */
@Injectable()
export class AuditorMetrics implements IngestMetrics {
  private readonly events: Counter;
  private readonly alerts: Counter<'kind'>;
  private readonly ingestLag: Gauge<'partition'>;
  private readonly countedUpTo = new Map<number, number>();
  private readonly countedAlerts = new Set<string>();

  constructor(@Inject(ONWARD_METRICS) registry: Registry) {
    const registers = [registry];
    this.events = new Counter({
      name: 'onward_auditor_events_ingested_total',
      help: 'Audit records read, verified and stored (unparseable ones included)',
      registers,
    });
    this.alerts = new Counter({
      name: 'onward_auditor_integrity_alerts_total',
      help: 'Integrity alerts raised on the audit chains, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.ingestLag = new Gauge({
      name: 'onward_auditor_ingest_lag_records',
      help: 'Audit records behind the high watermark of a partition, after its last batch',
      labelNames: ['partition'],
      registers,
    });
  }

  stored(partition: number, offsets: readonly number[], alerts: readonly ChainAlert[]): void {
    const from = this.countedUpTo.get(partition) ?? 0;
    let fresh = 0;
    let next = from;
    for (const offset of offsets) {
      if (offset < from) continue;
      fresh += 1;
      next = Math.max(next, offset + 1);
    }
    if (fresh > 0) this.events.inc(fresh);
    this.countedUpTo.set(partition, next);
    for (const alert of alerts) {
      const key = `${alert.partition}:${alert.seq}:${alert.offset}:${alert.kind}`;
      if (this.countedAlerts.has(key)) continue;
      if (this.countedAlerts.size >= MAX_REMEMBERED_ALERTS) this.countedAlerts.clear();
      this.countedAlerts.add(key);
      this.alerts.inc({ kind: alert.kind });
    }
  }

  lag(partition: number, records: number): void {
    this.ingestLag.set({ partition }, records);
  }
}
