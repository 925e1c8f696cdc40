// A PostgreSQL database of its own for one test: created on the local server (PostgreSQL 15 at
// 127.0.0.1:5432, trust auth; ONWARD_TEST_DATABASE_URL names another) and dropped after.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server's maintenance database the test databases are created from. */
export function testDatabaseServer(): string {
  return process.env.ONWARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** A fresh, empty database: its URL, and `drop` (closes every connection to it first). */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseServer() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates a database no other test uses. */
export async function createTestDatabase(label = 'auditor'): Promise<TestDatabase> {
  const name = `onward_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testDatabaseServer());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
