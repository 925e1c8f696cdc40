import type { Share } from '@app/contracts';
import { ConfigurationError, OnwardError } from '@app/runtime';
import Database from 'better-sqlite3';
import { preparePrivateFile } from './private-file';
import { migrate } from './schema';

/** Where a record sat on the share topic. */
export interface RecordPosition {
  partition: number;
  offset: string;
}

/** A notice as the store applies it: whose shares, and which purposes (all when null). */
export interface Erasure {
  noticeId: string;
  kind: string;
  subjectRef: string;
  purposes: readonly string[] | null;
}

/** SQLite conditions that pass (a busy lock, a full or failing disk): the record is retried. */
const RETRIABLE_SQLITE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);

/**
 * The partner's store of received shares (better-sqlite3, one file). Writes are synchronous
 * and small; a failing write is an {@link OnwardError}, retriable when SQLite says the
 * condition may pass (by its error code, never its message).
 */
export class ShareStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') preparePrivateFile(file);
    try {
      this.db = new Database(file, { timeout: 2000 });
      this.db.pragma('journal_mode = WAL');
      migrate(this.db);
    } catch (error) {
      throw new ConfigurationError(`cannot open the partner store ${file}`, { cause: error });
    }
  }

  /** Stores `share` (replacing an earlier copy of the same shareId). */
  put(share: Share, at: RecordPosition, now: Date): void {
    this.write(() =>
      this.db
        .prepare(
          `INSERT OR REPLACE INTO shares VALUES
           (@shareId, @requestId, @subjectRef, @purpose, @data, @policyId, @policyVersion,
            @policyDigest, @sharedAt, @partition, @offset, @storedAt)`,
        )
        .run({
          shareId: share.shareId,
          requestId: share.requestId,
          subjectRef: share.subjectRef,
          purpose: share.purpose,
          data: JSON.stringify(share.data),
          policyId: share.policy.id,
          policyVersion: share.policy.version,
          policyDigest: share.policy.digest,
          sharedAt: share.sharedAt,
          partition: at.partition,
          offset: at.offset,
          storedAt: now.toISOString(),
        }),
    );
  }

  /** Records that the record at `at` was not stored, and why (a code, never its content). */
  skip(at: RecordPosition, reason: string, violations: number, now: Date): void {
    this.write(() =>
      this.db
        .prepare('INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?, ?)')
        .run(at.partition, at.offset, reason, violations, now.toISOString()),
    );
  }

  /**
   * Deletes the shares an erasure covers, once per notice: returns how many were deleted,
   * or null when this notice was applied before (a redelivery).
   */
  erase(erasure: Erasure, now: Date): number | null {
    return this.write(() =>
      this.db.transaction((): number | null => {
        const seen = this.db
          .prepare('SELECT 1 FROM notices WHERE notice_id = ?')
          .get(erasure.noticeId);
        if (seen) return null;
        const deleted = this.deleteShares(erasure.subjectRef, erasure.purposes);
        this.db
          .prepare('INSERT INTO notices VALUES (?, ?, ?, ?, ?)')
          .run(erasure.noticeId, erasure.kind, erasure.subjectRef, deleted, now.toISOString());
        return deleted;
      })(),
    );
  }

  /** The shareIds stored for `subjectRef`, in order (for tests and the README's example). */
  shareIdsOf(subjectRef: string): string[] {
    return this.db
      .prepare('SELECT share_id FROM shares WHERE subject_ref = ? ORDER BY share_id')
      .pluck()
      .all(subjectRef) as string[];
  }

  close(): void {
    this.db.close();
  }

  private deleteShares(subjectRef: string, purposes: readonly string[] | null): number {
    if (purposes === null) {
      return this.db.prepare('DELETE FROM shares WHERE subject_ref = ?').run(subjectRef).changes;
    }
    const remove = this.db.prepare('DELETE FROM shares WHERE subject_ref = ? AND purpose = ?');
    return purposes.reduce((n, purpose) => n + remove.run(subjectRef, purpose).changes, 0);
  }

  private write<T>(task: () => T): T {
    try {
      return task();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const retriable =
        typeof code === 'string' &&
        RETRIABLE_SQLITE_CODES.has(code.split('_').slice(0, 2).join('_'));
      throw new OnwardError('the partner store refused a write', { retriable, cause: error });
    }
  }
}
