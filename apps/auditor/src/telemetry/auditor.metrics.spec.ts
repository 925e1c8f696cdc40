import type { ChainAlert } from '@app/contracts';
import { Registry } from 'prom-client';
import { AuditorMetrics } from './auditor.metrics';

const alert = (offset: string, kind: ChainAlert['kind'] = 'changed'): ChainAlert => ({
  partition: 0,
  seq: Number(offset),
  offset,
  kind,
  detail: 'seq only',
});

async function values(registry: Registry): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const v of metric.values) {
      const labels = Object.values(v.labels).join(',');
      out[labels ? `${metric.name}{${labels}}` : metric.name] = v.value;
    }
  }
  return out;
}

describe('AuditorMetrics', () => {
  it('counts records and alerts once, also when a batch is read again after a failed write', async () => {
    const registry = new Registry();
    const metrics = new AuditorMetrics(registry);
    metrics.stored(0, [0, 1, 2], [alert('2')]);
    metrics.stored(0, [1, 2, 3], [alert('2'), alert('3', 'missing')]); // rewound to offset 1
    metrics.stored(1, [0], []);
    metrics.lag(0, 7);
    expect(await values(registry)).toEqual({
      onward_auditor_events_ingested_total: 5,
      'onward_auditor_integrity_alerts_total{changed}': 1,
      'onward_auditor_integrity_alerts_total{missing}': 1,
      'onward_auditor_ingest_lag_records{0}': 7,
    });
  });
});
