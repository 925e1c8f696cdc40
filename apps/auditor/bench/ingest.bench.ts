// Ingest throughput of the auditor: N chained audit events on P partitions are produced to a
// real broker, then the auditor's own ingest (kafkajs consumer, ChainVerifier, the store, one
// transaction per batch) reads them from the beginning. Also measures verify+store alone,
// without Kafka. With --instances n, auditor processes on one PostgreSQL store share the
// partitions; one and n instances are measured in the same run. Prints events/s; the last line
// is JSON.
//   npm run --silent bench:auditor -- [events] [partitions] [--store sqlite|postgres]
//   npm run --silent bench:auditor -- --instances 2
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { topicNames } from '@app/contracts';
import { createLogger } from '@app/runtime';
import { Kafka, logLevel } from 'kafkajs';
import { verifyAuditBatch } from '../src/audit-stream/audit-batch';
import { IngestService } from '../src/audit-stream/ingest.service';
import { IngestStatus } from '../src/audit-stream/ingest-status';
import { PartitionChain } from '../src/audit-stream/partition-chain';
import { StreamConsumer } from '../src/audit-stream/stream-consumer';
import type { AuditStore } from '../src/store/audit-store';
import { openPostgresStore } from '../src/store/postgres/open-postgres-store';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store';
import { benchBroker } from './bench-broker';
import { benchDatabase } from './bench-database';
import { benchChain } from './bench-events';
import { measureGroup } from './bench-group';
import { benchOptions } from './bench-options';

const OPTIONS = benchOptions(process.argv.slice(2));
const EVENTS = OPTIONS.events;
const PARTITIONS = OPTIONS.partitions;
const say = (line: string) => process.stdout.write(`${line}\n`);
const quiet = createLogger('auditor-bench', 'warn');

/** A fresh store of the chosen kind, and how to close and remove it. */
async function freshStore(): Promise<{ store: AuditStore; remove: () => Promise<void> }> {
  if (OPTIONS.store === 'postgres') {
    const db = await benchDatabase(OPTIONS.databaseServer);
    const identity = { clusterId: 'bench', auditTopic: 'bench.audit' };
    const store = await openPostgresStore(db.url, identity, quiet);
    const remove = async (): Promise<void> => {
      await store.close();
      await db.drop();
    };
    return { store, remove };
  }
  const dir = mkdtempSync(join(tmpdir(), 'onward-bench-store-'));
  const store = openSqliteStore(join(dir, 'bench.sqlite'));
  return {
    store,
    remove: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Verify + store alone: the ceiling the Kafka path can reach. */
async function offline(chains: Buffer[][]): Promise<number> {
  const { store, remove } = await freshStore();
  const started = performance.now();
  for (const [partition, records] of chains.entries()) {
    const { checkpoint, epoch } = await store.ingest.claimAuditPartition(partition, 'bench');
    const chain = new PartitionChain(partition, checkpoint, epoch);
    for (let i = 0; i < records.length; i += 1000) {
      const batch = records.slice(i, i + 1000).map((value, j) => ({
        offset: String(i + j),
        key: null,
        value,
        timestamp: '0',
      }));
      await store.ingest.writeAuditBatch(verifyAuditBatch(chain, batch, ''));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await remove();
  return seconds;
}

async function produce(kafka: Kafka, topic: string, chains: Buffer[][]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  for (const [partition, records] of chains.entries()) {
    for (let i = 0; i < records.length; i += 500) {
      const messages = records.slice(i, i + 500).map((value) => ({ partition, value }));
      await producer.send({ topic, acks: -1, messages });
    }
  }
  await producer.disconnect();
}

async function ingest(kafka: Kafka, prefix: string): Promise<number> {
  const { store, remove } = await freshStore();
  const topics = topicNames(prefix);
  const service = new IngestService({
    topics,
    store: store.ingest,
    consumer: new StreamConsumer(kafka, [topics.audit, topics.recipients], quiet),
    logger: quiet,
    options: { holdMs: 1000, topicWaitMs: 200 },
    status: new IngestStatus(),
  });
  const admin = kafka.admin();
  await admin.connect();
  const started = performance.now();
  await service.start(admin);
  for (;;) {
    const states = await store.query.partitionStates();
    if (states.reduce((n, s) => n + s.records, 0) >= EVENTS) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const alerts = await store.query.alerts({});
  if (alerts.length > 0) throw new Error(`bench chain raised ${alerts.length} alert(s)`);
  await service.stop();
  await admin.disconnect();
  await remove();
  return seconds;
}

/** One and `n` auditor processes on a PostgreSQL store each, over the same produced events. */
async function group(kafka: Kafka, brokers: string, chains: Buffer[][], total: number) {
  const results = [];
  for (const instances of [1, OPTIONS.instances]) {
    const prefix = await filledTopics(kafka, chains);
    const db = await benchDatabase(OPTIONS.databaseServer);
    try {
      const profileDir = process.env.BENCH_PROFILE_DIR;
      const run = { instances, brokers, prefix, partitions: PARTITIONS, total, profileDir };
      results.push(await measureGroup({ ...run, databaseUrl: db.url }));
    } finally {
      await db.drop();
    }
    const r = results.at(-1)!;
    say(
      `${instances} auditor process(es) on PostgreSQL: ${r.eventsPerSecond} events/s ` +
        `(${r.measuredEvents} events after the group was stable, ${r.seconds} s)`,
    );
  }
  const [one, many] = results;
  return { one, many, ratio: Number((many.eventsPerSecond / one.eventsPerSecond).toFixed(2)) };
}

/** New topics holding the chains, under a new prefix. */
async function filledTopics(kafka: Kafka, chains: Buffer[][]): Promise<string> {
  const prefix = `bench-${Date.now().toString(36)}.`;
  const topics = topicNames(prefix);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: topics.audit, numPartitions: PARTITIONS }, { topic: topics.recipients }],
  });
  await admin.disconnect();
  await produce(kafka, topics.audit, chains);
  return prefix;
}

async function main(): Promise<void> {
  const perPartition = Math.ceil(EVENTS / PARTITIONS);
  const chains = Array.from({ length: PARTITIONS }, (_, p) =>
    benchChain(p, perPartition).map((e) => Buffer.from(JSON.stringify(e))),
  );
  const total = perPartition * PARTITIONS;
  const broker = benchBroker();
  try {
    const kafka = new Kafka({ brokers: broker.brokers.split(','), logLevel: logLevel.NOTHING });
    if (OPTIONS.instances > 1) {
      const result = await group(kafka, broker.brokers, chains, total);
      say(`ratio ${OPTIONS.instances} : 1 = ${result.ratio}`);
      say(
        JSON.stringify({
          bench: 'auditor-group',
          events: total,
          partitions: PARTITIONS,
          ...result,
          node: process.version,
        }),
      );
      return;
    }
    const prefix = await filledTopics(kafka, chains);
    const offlineSeconds = await offline(chains);
    const ingestSeconds = await ingest(kafka, prefix);
    const result = {
      bench: 'auditor-ingest',
      store: OPTIONS.store,
      events: total,
      partitions: PARTITIONS,
      ingestSeconds: Number(ingestSeconds.toFixed(2)),
      ingestEventsPerSecond: Math.round(total / ingestSeconds),
      verifyAndStoreEventsPerSecond: Math.round(total / offlineSeconds),
      node: process.version,
    };
    say(`verify + ${OPTIONS.store} (no Kafka): ${result.verifyAndStoreEventsPerSecond} events/s`);
    say(
      `ingest from Kafka (read_committed, verify, store): ${result.ingestEventsPerSecond} events/s`,
    );
    say(JSON.stringify(result));
  } finally {
    broker.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
