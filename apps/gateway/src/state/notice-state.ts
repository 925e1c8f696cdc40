import { Injectable } from '@nestjs/common';
import type { AuditEvent, SubjectProfile } from '@app/contracts';
import { OnwardError } from '@app/runtime';
import { recordShare, type PastShare } from '../notices/past-share';
import { QueuedWrites } from './queued-writes';
import { MAX_STORED_KEY_BYTES, StateStore, type NoticeTables } from './state-store';

/** How far the past-recipient index of an audit partition is built. */
export interface IndexPosition {
  /** seq of the last audit event indexed (-1: none). */
  seq: number;
  /** An audit offset at or below the first event not yet indexed: catch-up reads from here. */
  fromOffset: bigint;
}

/** An allowed share to index, with the subjectRef its recipient received. */
export interface IndexedShare {
  event: AuditEvent;
  subjectRef: string;
}

/**
 * The notice pipeline's state in the gateway's LMDB store, per owned partition:
 * - the past-recipient index: per subject, what each recipient received (PastShare rows),
 *   built only from the audit partition's `share.allowed` events, with the seq it is built to;
 * - the baseline: every subject's profile as of the notice pipeline's committed subjects
 *   offset, the "previous profile" a change is compared with, with that offset.
 * Each write is one LMDB transaction together with its position, so after a crash the values
 * and their position agree; positions may lag Kafka's, never lead it (see notice-pipeline).
 * Index writes follow every share batch, so they are committed off the event loop (lmdb-js
 * asynchronous transactions, in queue order): whoever plans from the index waits for them
 * ({@link indexed}).
 */
@Injectable()
export class NoticeState {
  private readonly writes = new QueuedWrites();

  constructor(private readonly store: StateStore) {}

  /** What `subjectId`'s past recipients received (empty when none). */
  pastShares(subjectId: string): PastShare[] {
    if (tooLong(subjectId)) return [];
    return (this.tables().pastShares.get(subjectId)?.[1] as PastShare[] | undefined) ?? [];
  }

  /** How far the index of `partition` is built, or null when it never was. */
  indexPosition(partition: number): IndexPosition | null {
    const stored = this.tables().positions.get(`index#${partition}`);
    return stored ? { seq: Number(stored.seq), fromOffset: BigInt(stored.fromOffset) } : null;
  }

  /**
   * Queues the indexing of allowed shares of `partition` (events at or below the indexed seq
   * are skipped: a redelivery) and the move of its position to `position`, as one transaction
   * committed after every write queued before it. Resolves, once committed, to the rows evicted
   * by the bound; a failure is also reported by {@link indexed}.
   */
  index(
    partition: number,
    shares: readonly IndexedShare[],
    position: IndexPosition,
  ): Promise<PastShare[]> {
    const t = this.tables();
    const write = t.root.transaction(() => this.write(t, partition, shares, position));
    this.writes.track(partition, write);
    return write;
  }

  /**
   * Waits until every index write of `partition` queued so far is committed. Throws when one
   * failed: the index may then miss shares its position claims, and must be rebuilt
   * ({@link settleIndex}) before anything is planned from it.
   */
  async indexed(partition: number): Promise<void> {
    if (!(await this.writes.settled(partition))) throw new IndexWriteFailedError(partition);
  }

  /**
   * Before the index of `partition` is caught up: waits for its queued writes and, when one
   * failed, forgets the partition's index (rows and position), so it is rebuilt from the log.
   */
  async settleIndex(partition: number): Promise<void> {
    if (await this.writes.settled(partition)) return;
    this.dropIndex(partition);
    this.writes.forget(partition);
  }

  /** The subject's profile as of the notice pipeline's position (null: unknown). */
  baseline(subjectId: string): SubjectProfile | null {
    if (tooLong(subjectId)) return null;
    return (this.tables().baseline.get(subjectId)?.[1] as SubjectProfile | undefined) ?? null;
  }

  /** The next subjects offset the baseline of `partition` has not applied, or null. */
  baselineNext(partition: number): bigint | null {
    const stored = this.tables().positions.get(`baseline#${partition}`);
    return stored ? BigInt(stored.next) : null;
  }

  /** Applies subject records (in log order) to the baseline and moves it to `next`. */
  applyBaseline(
    partition: number,
    records: readonly { key: string; value: SubjectProfile | null }[],
    next: bigint,
  ): void {
    const t = this.tables();
    t.root.transactionSync(() => {
      for (const { key, value } of records) {
        if (tooLong(key)) continue;
        if (value === null) t.baseline.removeSync(key);
        else t.baseline.putSync(key, [partition, value]);
      }
      t.positions.putSync(`baseline#${partition}`, { next: next.toString() });
    });
  }

  /** Forgets the baseline of `partition` (it is rebuilt from the log). */
  dropBaseline(partition: number): void {
    const t = this.tables();
    t.root.transactionSync(() => {
      for (const { key, value } of t.baseline.getRange()) {
        if (value[0] === partition) t.baseline.removeSync(key);
      }
      t.positions.removeSync(`baseline#${partition}`);
    });
  }

  /** Forgets everything of a partition given away: index, baseline and their positions. */
  async drop(partition: number): Promise<void> {
    await this.writes.settled(partition); // a write still queued would bring rows back
    this.dropBaseline(partition);
    this.dropIndex(partition);
    this.writes.forget(partition);
  }

  /**
   * The body of one index transaction. Each subject is read once per call, and every row is
   * computed before the first put: lmdb-js does not roll back the puts of a callback that
   * throws, so a throw here writes nothing.
   */
  private write(
    t: NoticeTables,
    partition: number,
    shares: readonly IndexedShare[],
    position: IndexPosition,
  ): PastShare[] {
    const done = this.indexPosition(partition)?.seq ?? -1;
    const rows = new Map<string, PastShare[]>();
    const evicted: PastShare[] = [];
    for (const { event, subjectRef } of shares) {
      const subjectId = event.subjectId;
      if (event.seq <= done || subjectId === null || tooLong(subjectId)) continue;
      const before = rows.get(subjectId) ?? this.pastShares(subjectId);
      const recorded = recordShare(before, event, subjectRef);
      if (recorded.evicted) evicted.push(recorded.evicted);
      rows.set(subjectId, recorded.rows);
    }
    for (const [subjectId, list] of rows) t.pastShares.putSync(subjectId, [partition, list]);
    t.positions.putSync(`index#${partition}`, {
      seq: String(Math.max(done, position.seq)),
      fromOffset: position.fromOffset.toString(),
    });
    return evicted;
  }

  private dropIndex(partition: number): void {
    const t = this.tables();
    t.root.transactionSync(() => {
      for (const { key, value } of t.pastShares.getRange()) {
        if (value[0] === partition) t.pastShares.removeSync(key);
      }
      t.positions.removeSync(`index#${partition}`);
    });
  }

  private tables(): NoticeTables {
    return this.store.noticeTables();
  }
}

/** An index write of a partition failed: its index is rebuilt before notices are planned. */
export class IndexWriteFailedError extends OnwardError {
  override name = 'IndexWriteFailedError';
  override readonly retriable = true;
  constructor(partition: number) {
    super(`a past-recipient index write of partition ${partition} failed; it is rebuilt`);
  }
}

function tooLong(key: string): boolean {
  return Buffer.byteLength(key) > MAX_STORED_KEY_BYTES;
}
