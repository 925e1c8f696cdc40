/** A record as the ingest sees it: what kafkajs gives, without kafkajs types. */
export interface StreamRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Epoch ms, as a decimal string. */
  timestamp: string;
}
