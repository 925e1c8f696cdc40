import type { OnwardError } from '../errors/onward-error';
import type { StreamRecord } from './stream-record';

/**
 * Where each assigned partition is read from, on every join of the group (the first, after a
 * rebalance, after a restart):
 * - `'earliest'` / `'latest'`: the log's start or end (a throwaway group has no offsets);
 * - `{ committed }`: the offsets committed under the group, `committed` where there are none;
 * - `{ offsets }`: the caller's own store says where; `otherwise` where it says nothing.
 */
export type FollowStart =
  | 'earliest'
  | 'latest'
  | { committed: 'earliest' | 'latest' }
  | {
      offsets: (topic: string, partition: number) => bigint | undefined;
      otherwise?: 'earliest' | 'latest';
    };

/** What to follow and how. Only `topics` and `start` are required. */
export interface FollowOptions {
  /** Topic names or patterns; a pattern is matched against the topics that exist at start. */
  topics: readonly (string | RegExp)[];
  start: FollowStart;
  /** A named group (shared by several followers, or holding committed offsets). */
  groupId?: string;
  /** Without `groupId`: a throwaway group `<groupPrefix>-<uuid>`, new at each start. */
  groupPrefix?: string;
  /** Commit handled offsets under the group. Default false: offsets live elsewhere. */
  commit?: boolean;
  /** Hand over records of open and aborted transactions too. Default false: read_committed. */
  readUncommitted?: boolean;
  /** Most records handed to the handler at once; a larger fetch is split. Default 1000. */
  maxBatchRecords?: number;
  /** Upper bound on one fetch from a partition, in bytes. Default: kafkajs' 1 MiB. */
  maxBytesPerPartition?: number;
  /** Long-poll of a fetch; stop() waits for the one in flight. Default 1000 ms. */
  maxWaitTimeMs?: number;
  /** How long the group waits for a silent member. Default: kafkajs' 30 s. */
  sessionTimeoutMs?: number;
  /** How often a heartbeat is sent, during a long handler too. Default: a tenth of the session. */
  heartbeatIntervalMs?: number;
  /** Partitions whose batches are handled at the same time. Default 1. */
  concurrentPartitions?: number;
  /** Backoff of a retried batch, doubling from `initialDelayMs` up to `maxDelayMs`. */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
  /** How long stop() waits for the batch in flight and the group leave. Default 10 s. */
  stopTimeoutMs?: number;
}

/** Records of one partition, in offset order, at most `maxBatchRecords` of them. */
export interface FollowedBatch {
  topic: string;
  partition: number;
  records: StreamRecord[];
  /** The partition's high watermark when the batch was fetched. */
  highWatermark: bigint;
}

/** A partition's position after a handled batch (control records count). */
export interface FollowerProgress {
  topic: string;
  partition: number;
  /** The next offset to read. */
  next: bigint;
  /** Records between `next` and the high watermark at the fetch: 0 means caught up then. */
  lag: bigint;
}

/** What the follower calls. Only `onBatch` is required. */
export interface FollowHandlers {
  /**
   * One batch. A retriable error (see `classifyError`) has the batch handed over again after
   * a backoff; any other error stops the follower and reaches `onError`.
   */
  onBatch(batch: FollowedBatch): void | Promise<void>;
  /** The group gave this follower these partitions (after the seeks of the start point). */
  onAssigned?(assignment: ReadonlyMap<string, readonly number[]>): void;
  /** A fetched batch was handled (or held only control records). */
  onProgress?(progress: FollowerProgress): void;
  /** The follower stopped for good: a handler error that is not retriable, or a client crash. */
  onError?(error: OnwardError): void;
}
