import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateStore } from './state-store';

const topics = { recipients: 't.recipients', subjects: 't.subjects' };
const identity = { clusterId: 'cluster-a', topicPrefix: 't.' };

function setup(): { dir: string; store: StateStore } {
  const dir = join(mkdtempSync(join(tmpdir(), 'onward-store-')), 'state');
  return { dir, store: new StateStore(dir, topics) };
}

const rec = (key: string, offset: number, value: object | null) => ({
  key,
  offset: BigInt(offset),
  value,
});

describe('StateStore', () => {
  let dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    dirs = [];
  });

  function opened(): { dir: string; store: StateStore } {
    const s = setup();
    dirs.push(s.dir);
    expect(s.store.open(identity)).toBe('missing');
    return s;
  }

  it('applies values and the checkpoint together, and resumes them after reopening', () => {
    const { store } = opened();
    store.apply(
      'subjects',
      2,
      [rec('a', 0, { v: 1 }), rec('b', 1, { v: 2 }), rec('a', 2, null)],
      3n,
    );
    expect(store.get('subjects', 'a')).toBeNull();
    expect(store.get('subjects', 'b')).toEqual({ v: 2 });
    expect(store.get('recipients', 'b')).toBeNull();
    expect(store.checkpoint('subjects', 2)).toEqual({ next: 3n, keys: 1 });
    store.close();
    expect(store.open(identity)).toBeNull();
    expect(store.get('subjects', 'b')).toEqual({ v: 2 });
    expect(store.partitionsWithCheckpoint('subjects')).toEqual([2]);
  });

  it('opens a directory whose name has a dot (a group id like `onward.v2`), and reopens it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'onward-store-')), 'bench.group');
    dirs.push(dir);
    const store = new StateStore(dir, topics);
    expect(store.open(identity)).toBe('missing');
    store.apply('subjects', 0, [rec('a', 0, { v: 1 })], 1n);
    store.close();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(store.open(identity)).toBeNull();
    expect(store.get('subjects', 'a')).toEqual({ v: 1 });
    store.close();
  });

  it('skips records below the checkpoint (a redelivery never rewinds a value)', () => {
    const { store } = opened();
    store.apply('subjects', 0, [rec('a', 0, { v: 'old' }), rec('a', 1, { v: 'new' })], 2n);
    store.apply('subjects', 0, [rec('a', 0, { v: 'old' })], 1n);
    expect(store.get('subjects', 'a')).toEqual({ v: 'new' });
    expect(store.checkpoint('subjects', 0)?.next).toBe(2n);
  });

  it('drops one partition and keeps the others', () => {
    const { store } = opened();
    store.apply('subjects', 0, [rec('a', 0, { v: 0 })], 1n);
    store.apply('subjects', 1, [rec('b', 0, { v: 1 })], 1n);
    store.drop('subjects', 0);
    expect(store.get('subjects', 'a')).toBeNull();
    expect(store.get('subjects', 'b')).toEqual({ v: 1 });
    expect(store.checkpoint('subjects', 0)).toBeNull();
  });

  it('reads a recipient once per change, frozen, and sees every write and drop', () => {
    const { store } = opened();
    store.apply('recipients', 0, [rec('r', 0, { v: 1, list: ['a'] })], 1n);
    const first = store.get<{ v: number; list: string[] }>('recipients', 'r');
    expect(store.get('recipients', 'r')).toBe(first);
    expect(Object.isFrozen(first?.list)).toBe(true);
    store.apply('recipients', 0, [rec('r', 1, { v: 2, list: [] })], 2n);
    expect(store.get('recipients', 'r')).toEqual({ v: 2, list: [] });
    store.drop('recipients', 0);
    expect(store.get('recipients', 'r')).toBeNull();
    store.apply('recipients', 1, [rec('r', 0, { v: 3, list: [] })], 1n);
    expect(store.get('recipients', 'r')).toEqual({ v: 3, list: [] });
  });

  it('never stores a key longer than any valid id', () => {
    const { store } = opened();
    store.apply('subjects', 0, [rec('k'.repeat(4000), 0, { v: 0 })], 1n);
    expect(store.get('subjects', 'k'.repeat(4000))).toBeNull();
    expect(store.checkpoint('subjects', 0)).toEqual({ next: 1n, keys: 0 });
  });

  it('starts empty for another cluster or prefix', () => {
    const { store } = opened();
    store.apply('subjects', 0, [rec('a', 0, { v: 0 })], 1n);
    store.close();
    expect(store.open({ ...identity, clusterId: 'cluster-b' })).toBe('other cluster');
    expect(store.get('subjects', 'a')).toBeNull();
    store.apply('subjects', 0, [rec('a', 0, { v: 0 })], 1n);
    store.close();
    expect(store.open({ ...identity, clusterId: 'cluster-b', topicPrefix: 'u.' })).toBe(
      'other topic prefix',
    );
    expect(store.checkpoint('subjects', 0)).toBeNull();
  });

  it('starts empty when the data file is damaged', () => {
    const { dir, store } = opened();
    store.apply('subjects', 0, [rec('a', 0, { v: 0 })], 1n);
    store.close();
    writeFileSync(join(dir, 'data.mdb'), Buffer.alloc(64 * 1024, 0xab));
    expect(store.open(identity)).toBe('corrupt');
    expect(store.get('subjects', 'a')).toBeNull();
  });

  it('refuses a directory another live process holds, and takes over a dead one', () => {
    const { dir, store } = opened();
    store.close();
    writeFileSync(join(dir, 'instance.pid'), String(process.ppid));
    expect(() => store.open(identity)).toThrow(/in use by process/);
    writeFileSync(join(dir, 'instance.pid'), '999999999');
    expect(store.open(identity)).toBeNull();
  });

  it('keeps its files to the owner', () => {
    const { dir } = opened();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'data.mdb')).mode & 0o777).toBe(0o600);
  });
});
