import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * An app's own prom-client registry, with the Node process metrics (CPU, memory, event loop
 * delay, GC). One registry per app instance rather than prom-client's global one, so that two
 * instances in one process (tests) never collide over a metric name.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
