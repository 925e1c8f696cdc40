import type { ChainAlert } from '@app/contracts';

/** What the ingest reports to the metrics (an adapter implements it; unit tests may omit it). */
export interface IngestMetrics {
  /** Audit records of `partition` at `offsets` were stored, and `alerts` were raised. */
  stored(partition: number, offsets: readonly number[], alerts: readonly ChainAlert[]): void;
  /** The audit partition is `records` behind its high watermark after a processed batch. */
  lag(partition: number, records: number): void;
}
