/** Where the ingest stands, for /health. */
export type IngestState = 'starting' | 'waiting-for-topics' | 'running' | 'stopped' | 'failed';

/** Shared, mutable ingest state: set by the lifecycle, read by the health check. */
export class IngestStatus {
  state: IngestState = 'starting';
}
