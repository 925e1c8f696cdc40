// A PostgreSQL database of the benchmark's own, created and dropped on the configured server.
import { Client } from 'pg';

/** A fresh database: its URL, and how to drop it. */
export async function benchDatabase(
  server: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `onward_bench_${Date.now().toString(36)}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE "${name}" WITH (FORCE)`) };
}
