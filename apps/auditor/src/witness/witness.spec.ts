import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLeaf, auditLeafHash, EMPTY_RANGE, rangeRoot, subtreeRoot } from '@app/contracts';
import Database from 'better-sqlite3';
import { buildChain } from '../../../../libs/contracts/test/chain-fixtures';
import { describeWitness } from '../../../../test/support/auditor/witness-suite';
import { WITNESS_SCHEMA_STEPS } from './sqlite/sqlite-witness-schema';
import { SqliteWitnessRepository } from './sqlite/sqlite-witness.repository';
import { buildStoredNodes } from './stored-tree';

// A file per test (not ':memory:'): a second auditor's handle must see the same store.
const dirs: string[] = [];
let file = '';
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeWitness('SQLite', {
  open: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onward-witness-'));
    dirs.push(dir);
    file = join(dir, 'audit.witness.sqlite');
    return SqliteWitnessRepository.open(file);
  },
  reopen: async () => SqliteWitnessRepository.open(file),
});

describe('SQLite witness file upgrade', () => {
  it('brings a version 1 file forward and builds the nodes of its leaves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onward-witness-'));
    dirs.push(dir);
    const path = join(dir, 'old.witness.sqlite');
    const old = new Database(path);
    old.exec(WITNESS_SCHEMA_STEPS[0]);
    const insert = old.prepare(
      'INSERT INTO witness_leaves (partition, seq, event_id, canonical, leaf_hash) VALUES (?, ?, ?, ?, ?)',
    );
    const events = buildChain(9, 2);
    for (const e of events) insert.run(2, e.seq, e.eventId, auditLeaf(e), auditLeafHash(e));
    old.close();

    const repo = SqliteWitnessRepository.open(path);
    try {
      expect([...(await repo.ranges())].map(([p, r]) => [p, r.size])).toEqual([[2, 0]]);
      const range = await buildStoredNodes(repo, 2, EMPTY_RANGE, 4);
      expect(rangeRoot(range)).toEqual(subtreeRoot(events.map(auditLeafHash)));
      expect((await repo.ranges()).get(2)?.size).toBe(9);
    } finally {
      await repo.close();
    }
    const reopened = new Database(path);
    expect(reopened.pragma('user_version', { simple: true })).toBe(WITNESS_SCHEMA_STEPS.length);
    reopened.close();
  });
});
