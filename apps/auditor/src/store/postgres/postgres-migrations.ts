import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '@app/runtime';
import { runner } from 'node-pg-migrate';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';

/** The table node-pg-migrate records applied migrations in. */
const MIGRATIONS_TABLE = 'pgmigrations';
/** Any fixed number: one auditor migrates at a time, the others wait for it. */
const MIGRATION_LOCK = 20_261_201;

/**
 * `apps/auditor/migrations`, from the sources (tests) or from `dist` (the built app, run from
 * the repository or an image that copies the folder, like the bundled policy).
 */
export function migrationsDir(): string {
  const candidates = [
    join(__dirname, '../../../migrations'),
    join(__dirname, '../../../../../../apps/auditor/migrations'),
    join(process.cwd(), 'apps/auditor/migrations'),
  ];
  const found = candidates.find((dir) => existsSync(dir));
  if (found === undefined) throw new ConfigurationError('apps/auditor/migrations not found');
  return found;
}

/** Migration names this auditor knows, oldest first (the file names without `.sql`). */
export function knownMigrations(dir = migrationsDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => name.slice(0, -'.sql'.length))
    .sort();
}

/**
 * Brings the database to this auditor's schema with node-pg-migrate: versioned, forward-only
 * SQL files applied in order, each in its own transaction. A database that has a migration
 * this auditor does not know was written by a newer auditor; reading it with an older schema
 * could misreport, so it is refused. `count` stops early (migration tests only).
 */
export async function migratePostgres(
  client: PoolClient,
  logger: Logger,
  count = Number.POSITIVE_INFINITY,
): Promise<void> {
  const dir = migrationsDir();
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await refuseNewer(client, knownMigrations(dir));
    await runner({
      dbClient: client,
      dir,
      direction: 'up',
      count,
      migrationsTable: MIGRATIONS_TABLE,
      checkOrder: true,
      noLock: true,
      log: (message: string) => logger.debug({ migration: message }, 'store migration'),
    });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

async function refuseNewer(client: PoolClient, known: readonly string[]): Promise<void> {
  const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
    MIGRATIONS_TABLE,
  ]);
  if (exists.rows[0].t === null) return;
  const applied = await client.query<{ name: string }>(
    `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY run_on, id`,
  );
  const unknown = applied.rows.map((r) => r.name).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `the PostgreSQL store has schema migration ${unknown.join(', ')}, which this auditor ` +
        `does not know (it knows up to ${known.at(-1) ?? 'none'}): a newer auditor migrated it. ` +
        'Run that auditor version or newer; this one refuses to read a schema it does not know.',
    );
  }
}
