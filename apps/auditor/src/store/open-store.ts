import type { Kafka } from 'kafkajs';
import type { AuditStore } from './audit-store';
import { openSqliteStore, storeFileFor } from './sqlite/open-sqlite-store';

/** Opens the store of this cluster's audit topic under `dataDir` (asks Kafka for the cluster id). */
export async function openStore(
  kafka: Kafka,
  dataDir: string,
  auditTopic: string,
): Promise<AuditStore> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { clusterId } = await admin.describeCluster();
    return openSqliteStore(storeFileFor(dataDir, clusterId, auditTopic));
  } finally {
    await admin.disconnect();
  }
}
