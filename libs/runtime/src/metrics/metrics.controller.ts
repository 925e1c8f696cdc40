import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { ONWARD_METRICS } from '../runtime.constants';

/**
 * `GET /metrics` in the Prometheus text format. No token: the metrics are counts, latencies
 * and partition numbers with low-cardinality labels (outcomes, reason codes, partitions),
 * never an id or a data value; requiring the auditor's compliance token here would put a
 * credential that reads personal data into the monitoring system.
 */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ONWARD_METRICS) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
