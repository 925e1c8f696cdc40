/** A record of the share topic as the inbox sees it: no Nest or kafkajs types. */
export interface InboxRecord {
  partition: number;
  offset: string;
  /** The record key as text (the subjectRef), or null. */
  key: string | null;
  /** The `onward.message-type` header as received (absent on a v1 Share). */
  messageType: unknown;
  value: Buffer | null;
}

/** What became of a record. */
export type InboxOutcome =
  | { kind: 'stored'; shareId: string }
  | { kind: 'notice'; noticeId: string; deleted: number | null }
  | { kind: 'skipped'; reason: string };
