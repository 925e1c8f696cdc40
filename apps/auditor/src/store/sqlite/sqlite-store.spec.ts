import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../../../../../test/support/auditor/store-contract';
import { openSqliteStore } from './open-sqlite-store';

describeStoreContract('SQLite', async () => openSqliteStore(':memory:'));

describe('SQLite store file', () => {
  it('refuses a second auditor on the same store, naming PostgreSQL for several', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onward-sqlite-lock-'));
    const file = join(dir, 'audit.sqlite');
    const first = openSqliteStore(file);
    try {
      expect(() => openSqliteStore(file)).toThrow(
        /in use by another auditor.*AUDITOR_DATABASE_URL/,
      );
    } finally {
      void first.close();
    }
    const again = openSqliteStore(file);
    void again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
