/**
 * What the witness keeps (issue 13), behind its own small repository so that any database can
 * hold it: the leaves it verified (each audit event's canonical bytes and leaf hash, by
 * partition and seq), the latest checkpoint it cosigned per partition, and its alerts.
 * SQLite (sqlite/sqlite-witness.repository.ts, one auditor) and PostgreSQL
 * (postgres/postgres-witness.repository.ts, shared by the auditors of one database) implement it.
 */
import type { CheckpointAlert } from '@app/contracts';

/** Injection token of the {@link WitnessRepository}. */
export const WITNESS_REPOSITORY = Symbol('WITNESS_REPOSITORY');

/** One leaf of a partition's tree: leaf `seq` is the audit event with that seq. */
export interface WitnessLeaf {
  partition: number;
  seq: number;
  eventId: string;
  /** The event's canonical JSON bytes (RFC 8785), hash included: the leaf itself. */
  canonical: Buffer;
  /** RFC 9162 leaf hash of `canonical`. */
  leafHash: Buffer;
}

/** The latest checkpoint the witness cosigned for one partition. */
export interface CosignedHead {
  partition: number;
  size: number;
  rootHash: Buffer;
  /** The checkpoint note with the log signature and the witness's cosignature line. */
  note: string;
  cosignedAt: string;
}

/** A stored witness alert. */
export interface StoredCheckpointAlert extends CheckpointAlert {
  id: number;
  detectedAt: string;
}

/** The witness's storage. Each write is atomic. */
export interface WitnessRepository {
  /** Number of leaves stored per partition (the next seq each expects). */
  leafCounts(): Promise<Map<number, number>>;
  /** Appends leaves (consecutive seqs per partition; a stored seq is left as it is). */
  appendLeaves(leaves: readonly WitnessLeaf[]): Promise<void>;
  /** Leaf hashes of `partition`, seq 0 up to `size` (exclusive), in seq order. */
  leafHashes(partition: number, size: number): Promise<Buffer[]>;
  /** The leaf of the event `eventId`, or null when the witness has not stored it. */
  leafOfEvent(eventId: string): Promise<WitnessLeaf | null>;
  /** The latest cosigned checkpoint of every partition, in partition order. */
  cosignedHeads(): Promise<CosignedHead[]>;
  /**
   * Replaces the partition's latest cosigned checkpoint, unless the stored one is as large or
   * larger (another auditor sharing the store may have cosigned a newer one meanwhile).
   */
  saveCosigned(head: CosignedHead): Promise<void>;
  /** Stores an alert unless the same (partition, size, kind) is already stored. */
  saveAlert(alert: CheckpointAlert, detectedAt: string): Promise<void>;
  /** Every alert, oldest first. */
  alerts(): Promise<StoredCheckpointAlert[]>;
  close(): Promise<void>;
}
