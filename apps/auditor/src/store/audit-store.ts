/**
 * The auditor's repositories: the technology-neutral contract between the logic (ingest,
 * reports) and the database. SQLite (one auditor) and PostgreSQL (several auditors sharing
 * the audit partitions) implement it.
 */
import type {
  AuditBatchWrite,
  ChainCheckpoint,
  DecisionCount,
  EventCursor,
  EventFilter,
  DailyActivity,
  EventPage,
  PartitionClaim,
  PartitionState,
  RecipientBatchWrite,
  ReasonTally,
  RecipientVersion,
  ShareGroup,
  StoredAlert,
} from './store.types';
import type { NoticeRepository } from '../notices/notice.types';

/** Injection token of the {@link AuditStore}. */
export const AUDIT_STORE = Symbol('AUDIT_STORE');
/** Injection token of the store's {@link IngestRepository}. */
export const INGEST_REPOSITORY = Symbol('INGEST_REPOSITORY');
/** Injection token of the store's {@link QueryRepository}. */
export const QUERY_REPOSITORY = Symbol('QUERY_REPOSITORY');

/** The write side, used by the stream ingest. Each write is atomic. */
export interface IngestRepository {
  /** Makes the partitions of the audit topic known, so that empty ones are reported too. */
  registerAuditPartitions(partitions: readonly number[]): Promise<void>;
  /** The resume point of every audit partition seen so far. */
  auditCheckpoints(): Promise<Map<number, ChainCheckpoint>>;
  /**
   * Takes an audit partition over for `owner` (on every assignment): a new epoch fences the
   * previous owner's writes out, and the stored resume point is where reading continues.
   */
  claimAuditPartition(partition: number, owner: string): Promise<PartitionClaim>;
  /**
   * Stores a batch's records (a record already stored is left as it is), its alerts (an alert
   * already stored is left as it is, acknowledged or not), the live tip and the checkpoint, in
   * one transaction: after a crash either all of it is there or none of it. Throws
   * {@link PartitionFencedError} and writes nothing when another owner claimed the partition
   * after `batch.epoch`.
   */
  writeAuditBatch(batch: AuditBatchWrite): Promise<void>;
  /** The next offset to read of every recipients partition seen so far. */
  recipientOffsets(): Promise<Map<number, number>>;
  /** Stores recipient versions and the next offset (never moved back), in one transaction. */
  writeRecipientBatch(batch: RecipientBatchWrite): Promise<void>;
}

/** The read side, used by the compliance API and page. */
export interface QueryRepository {
  /** Events matching `filter`, in (decidedAt, partition, offset) order, after `after`. */
  findEvents(filter: EventFilter, page: { after?: EventCursor; limit: number }): Promise<EventPage>;
  /** Every known version of the given recipients, oldest first. */
  recipientHistory(recipientIds: readonly string[]): Promise<RecipientVersion[]>;
  /** Counts of events by recipient, purpose and decision with decidedAt in [fromMs, toMs). */
  countDecisions(range: { fromMs?: number; toMs?: number }): Promise<DecisionCount[]>;
  /** Events matching `filter`, grouped for the record of processing and the data map. */
  shareGroups(filter: EventFilter): Promise<ShareGroup[]>;
  /** Events matching `filter`, counted per day, partition and decision (for the charts). */
  dailyActivity(filter: EventFilter): Promise<DailyActivity[]>;
  /**
   * Of the events matching `filter`: the denials by their first reason code, and the withheld
   * fields by the reason naming the field, else the request's own reason (UNSTATED: none).
   */
  reasonTallies(
    filter: EventFilter,
  ): Promise<{ primaryDenialReasons: ReasonTally[]; withheldFieldReasons: ReasonTally[] }>;
  /** Every known audit partition, in partition order. */
  partitionStates(): Promise<PartitionState[]>;
  /** Alerts, oldest first; `open` only those not acknowledged. */
  alerts(filter: { open?: boolean }): Promise<StoredAlert[]>;
  /** Acknowledges an open alert; null when no alert has this id. Idempotent. */
  acknowledgeAlert(id: number, note: string | null, at: string): Promise<StoredAlert | null>;
}

/** One opened store: its two repositories over the same database. */
export interface AuditStore {
  readonly ingest: IngestRepository;
  readonly query: QueryRepository;
  /** Subject notices and their acknowledgements (issue 14), in the same database. */
  readonly notices: NoticeRepository;
  /** True when several auditors may share it (PostgreSQL); SQLite has one auditor. */
  readonly shared: boolean;
  /** Where the store lives, for the start-up log line (never with a password). */
  readonly location: string;
  close(): Promise<void>;
}
