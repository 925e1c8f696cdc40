// Ingest throughput of the auditor: N chained audit events on P partitions are produced to a
// real broker, then the auditor's own ingest (kafkajs consumer, ChainVerifier, SQLite store,
// one transaction per batch) reads them from the beginning. Also measures verify+store alone,
// without Kafka. Prints events/s; the last line is JSON.
//   npm run build && node dist/apps/auditor/bench/ingest.bench.js [events] [partitions]
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
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store';
import { benchBroker } from './bench-broker';
import { benchChain } from './bench-events';

const EVENTS = Number(process.argv[2] ?? 60_000);
const PARTITIONS = Number(process.argv[3] ?? 6);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Verify + store alone: the ceiling the Kafka path can reach. */
async function offline(chains: Buffer[][]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'onward-bench-store-'));
  const store = openSqliteStore(join(dir, 'bench.sqlite'));
  const started = performance.now();
  for (const [partition, records] of chains.entries()) {
    const chain = new PartitionChain(partition);
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
  await store.close();
  rmSync(dir, { recursive: true, force: true });
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
  const dir = mkdtempSync(join(tmpdir(), 'onward-bench-auditor-'));
  const store = openSqliteStore(join(dir, 'audit.sqlite'));
  const logger = createLogger('auditor-bench', 'warn');
  const topics = topicNames(prefix);
  const service = new IngestService({
    topics,
    store: store.ingest,
    consumer: new StreamConsumer(kafka, [topics.audit, topics.recipients], logger),
    logger,
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
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return seconds;
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
    const offlineSeconds = await offline(chains);
    const ingestSeconds = await ingest(kafka, prefix);
    const result = {
      bench: 'auditor-ingest',
      events: total,
      partitions: PARTITIONS,
      ingestSeconds: Number(ingestSeconds.toFixed(2)),
      ingestEventsPerSecond: Math.round(total / ingestSeconds),
      verifyAndStoreEventsPerSecond: Math.round(total / offlineSeconds),
      node: process.version,
    };
    say(`verify + store (no Kafka): ${result.verifyAndStoreEventsPerSecond} events/s`);
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
