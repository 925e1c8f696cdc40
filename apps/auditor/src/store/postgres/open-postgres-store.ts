import { ConfigurationError } from '@app/runtime';
import { Pool, type PoolConfig, types } from 'pg';
import type { Logger } from 'pino';
import type { AuditStore } from '../audit-store';
import { migratePostgres } from './postgres-migrations';
import { PostgresIngestRepository } from './postgres-ingest.repository';
import { PostgresQueryRepository } from './postgres-query.repository';
import { PostgresNoticeRepository } from '../../notices/postgres/postgres-notice.repository';

/** Which Kafka cluster and audit topic a store belongs to: offsets mean nothing elsewhere. */
export interface StoreIdentity {
  clusterId: string;
  auditTopic: string;
}

/** bigint (offsets, ms, counts) as a JS number: Kafka offsets stay far below 2^53. */
const INT8 = 20;
const numericTypes: PoolConfig['types'] = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (value: string) => Number(value)
      : types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser,
};

/** A pool on `url` whose bigints read as numbers, bounded waits, surviving lost idle clients. */
export function createPostgresPool(url: string, logger: Logger, max: number): Pool {
  const pool = new Pool({
    connectionString: url,
    types: numericTypes,
    max,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server must not crash the process; the next query fails.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'));
  return pool;
}

/** The URL for a log line: host, port and database, never the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/**
 * Opens the PostgreSQL store at `url`: migrates it (waiting for another auditor migrating the
 * same database), then checks that it belongs to this cluster's audit topic (an empty store
 * is claimed for it). Several auditors may open the same store at once.
 */
export async function openPostgresStore(
  url: string,
  identity: StoreIdentity,
  logger: Logger,
  options: { poolSize?: number } = {},
): Promise<AuditStore> {
  const pool = createPostgresPool(url, logger, options.poolSize ?? 4);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, logger);
      await checkIdentity(client, identity);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    ingest: new PostgresIngestRepository(pool),
    query: new PostgresQueryRepository(pool),
    notices: new PostgresNoticeRepository(pool),
    shared: true,
    location: describeDatabaseUrl(url),
    close: () => pool.end(),
  };
}

async function checkIdentity(
  client: { query: Pool['query'] },
  { clusterId, auditTopic }: StoreIdentity,
): Promise<void> {
  await client.query(
    `INSERT INTO store_identity (cluster_id, audit_topic) VALUES ($1, $2)
    ON CONFLICT (singleton) DO NOTHING`,
    [clusterId, auditTopic],
  );
  const { rows } = await client.query<{ cluster_id: string; audit_topic: string }>(
    'SELECT cluster_id, audit_topic FROM store_identity',
  );
  const stored = rows[0];
  if (stored.cluster_id !== clusterId || stored.audit_topic !== auditTopic) {
    throw new ConfigurationError(
      `the PostgreSQL store holds the audit of topic ${stored.audit_topic} on Kafka cluster ` +
        `${stored.cluster_id}, not of ${auditTopic} on ${clusterId}: its offsets mean nothing ` +
        'here. Point AUDITOR_DATABASE_URL at another database.',
    );
  }
}
