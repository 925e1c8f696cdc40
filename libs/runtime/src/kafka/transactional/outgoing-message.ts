/**
 * Header values of an outgoing record: text or bytes, one or several per name. The same shape
 * as kafkajs' `IHeaders`, defined here so apps build records without importing the client.
 */
export type OutgoingHeaders = Record<string, string | Buffer | (string | Buffer)[] | undefined>;

/** A record to write. `partition` unset: placed by its key (see `withPartitions`). */
export interface OutgoingMessage {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  partition?: number;
  headers?: OutgoingHeaders;
  /** Epoch ms, as a decimal string; default: the producer's clock. */
  timestamp?: string;
}

/** The records of one transaction bound for one topic. */
export interface TopicMessages {
  topic: string;
  messages: OutgoingMessage[];
}
