import { type Kafka, TopicAdmin } from '@app/runtime';
import type { Logger } from 'pino';
import type { AuditStore } from './audit-store';
import { openPostgresStore } from './postgres/open-postgres-store';
import { openSqliteStore, storeFileFor } from './sqlite/open-sqlite-store';

/** Where the store lives: a PostgreSQL URL, else SQLite files under a data directory. */
export interface StoreSettings {
  databaseUrl?: string;
  dataDir: string;
}

/**
 * Opens the store of this cluster's audit topic (asks Kafka for the cluster id): PostgreSQL
 * when a database URL is set (several auditors may share it), else the SQLite file of this
 * cluster and topic under the data directory (one auditor).
 */
export async function openStore(
  kafka: Kafka,
  settings: StoreSettings,
  auditTopic: string,
  logger: Logger,
): Promise<AuditStore> {
  const clusterId = await TopicAdmin.using(kafka, (topics) => topics.clusterId());
  if (settings.databaseUrl !== undefined) {
    return openPostgresStore(settings.databaseUrl, { clusterId, auditTopic }, logger);
  }
  return openSqliteStore(storeFileFor(settings.dataDir, clusterId, auditTopic));
}
