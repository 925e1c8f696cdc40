import type { AuditEventBody } from '@app/contracts';
import type { IHeaders } from '@app/runtime';

/**
 * What telemetry reads of an input record: where it sits, its trace headers and its Kafka
 * timestamp. The pipeline's own record types satisfy it, so telemetry observes the pipeline
 * without importing it (imports only go down).
 */
export interface ObservedInput {
  partition: number;
  offset: string;
  headers?: IHeaders;
  /** Epoch ms, as kafkajs gives it. */
  timestamp?: string;
}

/** What telemetry reads of a decided record: its audit event and, when refused, the DLQ code. */
export interface ObservedDecision {
  audit: AuditEventBody;
  dlq: { code: string } | null;
}
