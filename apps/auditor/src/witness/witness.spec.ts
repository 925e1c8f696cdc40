import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWitness } from '../../../../test/support/auditor/witness-suite';
import { SqliteWitnessRepository } from './sqlite/sqlite-witness.repository';

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
