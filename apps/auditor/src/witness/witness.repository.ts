/**
 * What the witness keeps (issue 13), behind its own small repository so that any database can
 * hold it: the leaves it verified (each audit event's canonical bytes and leaf hash, by
 * partition and seq), each partition's tree as stored nodes (every complete subtree hash, by
 * level and index) and its compact range, the latest checkpoint it cosigned per partition,
 * and its alerts. Nodes make a checkpoint or a proof O(log n) reads, never a reread of leaves.
 * SQLite (sqlite/sqlite-witness.repository.ts, one auditor) and PostgreSQL
 * (postgres/postgres-witness.repository.ts, shared by the auditors of one database) implement it.
 */
import type { CheckpointAlert, CompactRange, NodeAddress, TreeNode } from '@app/contracts';

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

/** Leaves of one partition with the tree nodes they complete and the range they reach. */
export interface TreeGrowth {
  partition: number;
  /** New leaves (none when the nodes are built from leaves already stored). */
  leaves: readonly WitnessLeaf[];
  nodes: readonly TreeNode[];
  /** The compact range once these leaves are in. */
  range: CompactRange;
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
  /**
   * The compact range of each partition's tree (its size: the next seq it expects). A
   * partition whose leaves predate the stored nodes has a range behind its leaves.
   */
  ranges(): Promise<Map<number, CompactRange>>;
  /**
   * Stores a growth atomically: leaves and nodes already stored are left as they are, and the
   * range only moves forward (another auditor sharing the store may have grown it meanwhile).
   */
  grow(growth: TreeGrowth): Promise<void>;
  /** Up to `limit` stored leaf hashes of `partition` from seq `from` on, in seq order. */
  leafHashes(partition: number, from: number, limit: number): Promise<Buffer[]>;
  /** The stored hashes of `addresses` in `partition`, by `nodeKey`; missing ones are absent. */
  nodes(partition: number, addresses: readonly NodeAddress[]): Promise<Map<string, Buffer>>;
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
