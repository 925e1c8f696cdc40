import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { OnwardError } from '@app/runtime';

/** What a store belongs to: a store of another cluster or prefix is never resumed from. */
export interface StoreIdentity {
  clusterId: string;
  topicPrefix: string;
}

/** The applied position of one state partition, and how many keys it holds. */
export interface Checkpoint {
  /** The next offset to apply: everything before it is in the store. */
  next: bigint;
  keys: number;
}

/** One record of a state partition as the store applies it (value null: tombstone or refused). */
export interface StoreRecord {
  key: string;
  offset: bigint;
  value: object | null;
}

/** The two kinds of state, each in its own table of the store. */
export type StateKind = 'recipients' | 'subjects';

/** The notice pipeline's tables (see notice-state.ts), in the same environment and files. */
export interface NoticeTables {
  root: RootDatabase;
  /** subjectId → [partition, PastShare[]]: the past-recipient index. */
  pastShares: Database<[number, object[]], string>;
  /** subjectId → [partition, profile]: subjects as of the notice pipeline's committed offset. */
  baseline: Database<[number, object], string>;
  /** `<table>#<partition>` → that table's position for the partition. */
  positions: Database<Record<string, string>, string>;
}

/** Why the store was (re)created empty, for the log line; null when it was resumed. */
export type RebuildReason = 'missing' | 'corrupt' | 'other cluster' | 'other topic prefix' | null;

/** Bump when the layout changes: an older store is rebuilt, never misread. */
const FORMAT = 1;
/** LMDB's key limit is 1978 bytes; valid ids are far shorter, so longer keys are never stored. */
export const MAX_STORED_KEY_BYTES = 512;
/** Address space reserved for the map; the file only grows as it is used. */
const MAP_SIZE = 1024 ** 4;

/**
 * The gateway's recipients and subjects on disk (LMDB, memory-mapped): off the JS heap, read
 * synchronously in the decide path, and written one transaction per applied batch together with
 * the partition's checkpoint, so that after any crash the values and the offset they were read up
 * to agree. Values are stored as `[partition, value]`, so a partition given away can be dropped.
 */
export class StateStore {
  private root: RootDatabase | undefined;
  private tables: Record<StateKind, Database<[number, object], string>> | undefined;
  private checkpoints: Database<{ next: string; keys: number }, string> | undefined;
  private meta: Database<unknown, string> | undefined;
  private notices: NoticeTables | undefined;
  /**
   * Recipients as decoded, frozen: every decision reads one and they are few, so each is read
   * and decoded once per change rather than per decision. Emptied by every recipients write.
   */
  private readonly recipients = new Map<string, unknown>();

  /** `topics` names the topic of each kind, as checkpoints are kept per topic and partition. */
  constructor(
    private readonly dir: string,
    private readonly topics: Record<StateKind, string>,
  ) {}

  /**
   * Opens the store, or creates it empty when it is missing, unreadable, or belongs to another
   * cluster or prefix. Returns why it was created empty (null when resumed).
   */
  open(identity: StoreIdentity): RebuildReason {
    this.close();
    let reason: RebuildReason = existsWithData(this.dir) ? null : 'missing';
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.lock(); // before anything is opened, let alone deleted
    try {
      if (reason === null && !opensCleanly(this.dir)) throw new Error('store does not open');
      this.openFiles();
    } catch {
      reason = 'corrupt';
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.lock();
      this.openFiles();
    }
    const stored = this.meta?.get('identity') as (StoreIdentity & { format: number }) | undefined;
    if (reason === null) {
      if (stored?.format !== FORMAT) reason = 'corrupt';
      else if (stored.clusterId !== identity.clusterId) reason = 'other cluster';
      else if (stored.topicPrefix !== identity.topicPrefix) reason = 'other topic prefix';
    }
    if (reason !== null) {
      this.root?.transactionSync(() => {
        this.tables?.recipients.clearSync();
        this.tables?.subjects.clearSync();
        this.checkpoints?.clearSync();
        this.notices?.pastShares.clearSync();
        this.notices?.baseline.clearSync();
        this.notices?.positions.clearSync();
        this.meta?.putSync('identity', { ...identity, format: FORMAT });
      });
    }
    restrictModes(this.dir);
    return reason;
  }

  /** The value of `key` (held on any partition), or null when unknown. */
  get<T>(kind: StateKind, key: string): T | null {
    if (Buffer.byteLength(key) > MAX_STORED_KEY_BYTES) return null;
    if (kind === 'subjects') return this.read<T>(kind, key);
    const cached = this.recipients.get(key);
    if (cached !== undefined) return cached as T;
    const value = this.read<T>(kind, key);
    // Misses are not kept: any id a request names would otherwise grow the map.
    if (value !== null) this.recipients.set(key, deepFreeze(value));
    return value;
  }

  /** Every key held of `kind` (meant for recipients, which are few). */
  keys(kind: StateKind): string[] {
    return [...(this.tables?.[kind].getKeys() ?? [])];
  }

  /** The checkpoint of a partition of `topic`, or null when none is held. */
  checkpoint(kind: StateKind, partition: number): Checkpoint | null {
    const c = this.checkpoints?.get(checkpointKey(this.topics[kind], partition));
    return c ? { next: BigInt(c.next), keys: c.keys } : null;
  }

  /** Every partition of `kind` with a checkpoint. */
  partitionsWithCheckpoint(kind: StateKind): number[] {
    const topic = this.topics[kind];
    const out: number[] = [];
    for (const key of this.checkpoints?.getKeys({ start: `${topic}#` }) ?? []) {
      if (!key.startsWith(`${topic}#`)) break;
      out.push(Number(key.slice(topic.length + 1)));
    }
    return out;
  }

  /**
   * Applies records of one partition in log order and moves its checkpoint to `next`, in one
   * transaction. Records below the checkpoint were applied before (a redelivery) and are skipped.
   */
  apply(kind: StateKind, partition: number, records: StoreRecord[], next: bigint): void {
    const values = this.required(this.tables)[kind];
    if (kind === 'recipients') this.recipients.clear();
    this.root?.transactionSync(() => {
      const current = this.checkpoint(kind, partition) ?? { next: 0n, keys: 0 };
      let keys = current.keys;
      for (const r of records) {
        if (r.offset < current.next || Buffer.byteLength(r.key) > MAX_STORED_KEY_BYTES) continue;
        if (r.value === null) {
          if (values.removeSync(r.key)) keys -= 1;
        } else {
          if (!values.doesExist(r.key)) keys += 1;
          values.putSync(r.key, [partition, r.value]);
        }
      }
      const at = next > current.next ? next : current.next;
      this.checkpoints?.putSync(checkpointKey(this.topics[kind], partition), {
        next: at.toString(),
        keys,
      });
    });
  }

  /** Forgets a partition: its values and its checkpoint. */
  drop(kind: StateKind, partition: number): void {
    const values = this.required(this.tables)[kind];
    if (kind === 'recipients') this.recipients.clear();
    this.root?.transactionSync(() => {
      for (const { key, value } of values.getRange()) {
        if (value[0] === partition) values.removeSync(key);
      }
      this.checkpoints?.removeSync(checkpointKey(this.topics[kind], partition));
    });
  }

  /** The notice pipeline's tables; throws when the store is not open. */
  noticeTables(): NoticeTables {
    return this.required(this.notices);
  }

  /** Bytes the store takes on disk. */
  bytesOnDisk(): number {
    let total = 0;
    for (const name of safeList(this.dir)) total += statSync(join(this.dir, name)).blocks * 512;
    return total;
  }

  close(): void {
    this.recipients.clear();
    if (this.root) rmSync(join(this.dir, LOCK_FILE), { force: true });
    void this.root?.close();
    this.root = undefined;
    this.tables = undefined;
    this.checkpoints = this.meta = this.notices = undefined;
  }

  private openFiles(): void {
    // noSubdir: false, always: lmdb-js takes a path with a dot (a group id such as
    // `onward.v2` in the default directory) for a file name otherwise, and cannot open it.
    const root = open({
      path: this.dir,
      noSubdir: false,
      maxDbs: 8,
      mapSize: MAP_SIZE,
      cache: false,
    });
    try {
      this.meta = root.openDB({ name: 'meta', encoding: 'msgpack' });
      this.tables = {
        recipients: root.openDB({ name: 'recipients', encoding: 'msgpack' }),
        subjects: root.openDB({
          name: 'subjects',
          encoding: 'msgpack',
          sharedStructuresKey: Symbol.for('structures'),
        }),
      };
      this.checkpoints = root.openDB({ name: 'checkpoints', encoding: 'msgpack' });
      this.notices = {
        root,
        pastShares: root.openDB({ name: 'pastShares', encoding: 'msgpack' }),
        baseline: root.openDB({ name: 'noticeBaseline', encoding: 'msgpack' }),
        positions: root.openDB({ name: 'noticePositions', encoding: 'msgpack' }),
      };
      this.meta.get('identity'); // reads a page: a damaged file fails here, not mid-decision
    } catch (err) {
      void root.close();
      throw err;
    }
    this.root = root;
  }

  /**
   * One instance per directory: two gateways on one store would drop each other's partitions.
   * A lock left by a process that died (kill -9) is taken over.
   */
  private lock(): void {
    const path = join(this.dir, LOCK_FILE);
    let holder = NaN;
    try {
      holder = Number(readFileSync(path, 'utf8'));
    } catch {
      // no lock yet
    }
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new StateDirInUseError(this.dir, holder);
    }
    writeFileSync(path, String(process.pid), { mode: 0o600 });
  }

  private read<T>(kind: StateKind, key: string): T | null {
    const entry = this.tables?.[kind].get(key);
    return entry ? (entry[1] as T) : null;
  }

  private required<T>(db: T | undefined): T {
    if (!db) throw new Error('state store is not open');
    return db;
  }
}

const LOCK_FILE = 'instance.pid';

/** Another live process holds the state directory: configuration, not retried. */
export class StateDirInUseError extends OnwardError {
  override name = 'StateDirInUseError';
  override readonly retriable = false;
  constructor(dir: string, pid: number) {
    super(`GATEWAY_STATE_DIR ${dir} is in use by process ${pid}: give each instance its own`);
  }
}

/** Freezes a decoded value and everything in it: a cached value is shared by every reader. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function checkpointKey(topic: string, partition: number): string {
  return `${topic}#${partition}`;
}

/**
 * Whether the store opens and reads in a child process. LMDB trusts its files: a damaged header
 * crashes the process that maps it (a segfault, not an exception), so it is tried at arm's
 * length first. LMDB has no page checksums: damage deep inside the tree is not found here.
 */
function opensCleanly(dir: string): boolean {
  const probe = `const { open } = require(${JSON.stringify(require.resolve('lmdb'))});
    const root = open({ path: ${JSON.stringify(dir)}, noSubdir: false, maxDbs: 8, readOnly: true });
    for (const name of ['meta', 'checkpoints']) [...root.openDB({ name }).getRange({ limit: 10 })];`;
  const result = spawnSync(process.execPath, ['-e', probe], { timeout: 30_000, stdio: 'ignore' });
  return result.status === 0;
}

function existsWithData(dir: string): boolean {
  return safeList(dir).includes('data.mdb');
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The store holds personal data: owner only (LMDB creates its files 644). */
function restrictModes(dir: string): void {
  chmodSync(dir, 0o700);
  for (const name of safeList(dir)) chmodSync(join(dir, name), 0o600);
}
