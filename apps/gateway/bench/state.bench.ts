/**
 * The gateway's subject state at scale (issue 10). Loads N subject profiles (realistic shapes:
 * residences, birth dates, opt-outs, erasures, consents) on a subjects topic of 6 partitions, then:
 *   1. full replay: a gateway with an empty store restores every partition from the log;
 *      memory is probed after GC (heap and RSS growth against the same gateway with no subjects);
 *   2. restart: the gateway is stopped and started on its store: process start → "state caught up";
 *   3. lookups: the store opened as the decide path reads it, p99 of one subject lookup.
 * Last line: {"subjects","heapBytesPerSubject","rssBytesPerSubject","diskBytesPerSubject",
 * "applyPerSec","restartReadyMs","fullReplayMs","lookupP99Us"}.
 * Run: npm run --silent bench:state [N] (default 1000000; KAFKA_BROKERS to use a running broker).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topicNames, type SubjectProfile } from '@app/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { StateStore } from '../src/state/state-store';
import { repoRoot, startBroker, startChild, stopChildren, type Child } from './processes';

const N = Number(process.argv[2] ?? '1000000');
const PARTITIONS = 6;
const WAIT_MS = 30 * 60_000;
const LOOKUPS = 200_000;
const RESIDENCES = ['US-CA', 'US-NY', 'DE', 'FR', 'GB', 'IN', 'BR', 'CH', 'JP', 'NG'];

const say = (line: string): boolean => process.stdout.write(`${line}\n`);

/** A learner as an account service would write it; about one in five has opt-outs or consents. */
function profile(i: number): SubjectProfile {
  const p: SubjectProfile = {
    subjectId: `learner-${i}`,
    residence: RESIDENCES[i % RESIDENCES.length],
    erased: i % 97 === 0,
    optOuts: i % 5 === 0 ? ['marketing'] : [],
    consents: [],
  };
  if (i % 3 === 0) p.birthDate = `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`;
  if (i % 7 === 0) {
    p.consents.push({
      recipientId: 'facebook',
      purpose: 'social_integration',
      categories: ['identity.name'],
      givenAt: '2026-01-01T00:00:00Z',
      withdrawnAt: i % 14 === 0 ? '2026-02-01T00:00:00Z' : null,
    });
  }
  return p;
}

async function load(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      {
        topic,
        numPartitions: PARTITIONS,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
    ],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const CHUNK = 5000;
  for (let i = 0; i < N; i += CHUNK) {
    const messages = Array.from({ length: Math.min(CHUNK, N - i) }, (_, k) => {
      const p = profile(i + k);
      return { key: p.subjectId, value: JSON.stringify(p) };
    });
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
}

interface Probe {
  heapUsed: number;
  rss: number;
}

async function probe(child: Child): Promise<Probe> {
  const before = child.output().length;
  child.process.kill('SIGUSR2');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = /\{"memoryProbe":(\{[^}]*\})\}/.exec(child.output().slice(before));
    if (m) return JSON.parse(m[1]) as Probe;
    if (Date.now() > deadline) throw new Error('benchmark: no memory probe answer');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function health(child: Child): Promise<{ state: { storeBytes: number; subjects: number } }> {
  const url = /"url":"(http:\/\/[^"]+)"/.exec(child.output())?.[1];
  const response = await fetch(`${url}/health`);
  return (await response.json()) as { state: { storeBytes: number; subjects: number } };
}

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.99)];
}

async function main(): Promise<void> {
  const broker = await startBroker();
  const prefix = `bench-state-${randomBytes(3).toString('hex')}.`;
  const topics = topicNames(prefix);
  const kafka = new Kafka({ brokers: broker.brokers.split(','), logLevel: logLevel.NOTHING });
  const stateDir = join(mkdtempSync(join(tmpdir(), 'onward-bench-state-')), 'state');
  const env = {
    KAFKA_BROKERS: broker.brokers,
    ONWARD_TOPIC_PREFIX: prefix,
    GATEWAY_GROUP_ID: `${prefix}group`,
    ONWARD_PARTITIONS: String(PARTITIONS),
    ONWARD_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789',
    GATEWAY_HTTP_PORT: '0',
    GATEWAY_STATE_DIR: stateDir,
    GATEWAY_STATE_BARRIER_TIMEOUT_MS: '600000',
    LOG_LEVEL: 'info',
  };
  const main = join(repoRoot, 'dist/apps/gateway/src/main.js');
  const nodeArgs = ['--expose-gc', '-r', join(__dirname, 'memory-probe.js')];
  const gateway = (): Child => startChild(main, env, nodeArgs);
  try {
    // Baseline: the gateway with its topics and no subjects.
    let g = gateway();
    await g.waitFor('share pipeline running', WAIT_MS);
    const base = await probe(g);
    await g.stop('SIGTERM');
    rmSync(stateDir, { recursive: true, force: true });

    say(`loading ${N} subject profiles on ${topics.subjects}`);
    await load(kafka, topics.subjects);

    // 1. Full replay with an empty store: start → every owned partition restored.
    let started = Date.now();
    g = gateway();
    await g.waitFor('share pipeline running', WAIT_MS);
    const restored = (): number =>
      g.output().split('"msg":"subjects partition restored"').length - 1;
    while (restored() < PARTITIONS) {
      if (Date.now() - started > WAIT_MS) throw new Error('benchmark: full replay too slow');
      await new Promise((r) => setTimeout(r, 20));
    }
    const fullReplayMs = Date.now() - started;
    const loaded = await probe(g);
    const { state } = await health(g);
    if (state.subjects !== N)
      throw new Error(`benchmark: ${state.subjects} subjects held, not ${N}`);
    await g.stop('SIGTERM');

    // 2. Restart on the store: start → "state caught up".
    started = Date.now();
    g = gateway();
    await g.waitFor('"msg":"state caught up"', WAIT_MS);
    const restartReadyMs = Date.now() - started;
    await g.waitFor('share pipeline running', WAIT_MS);
    await g.stop('SIGTERM');

    // 3. Lookups as the decide path makes them.
    const store = new StateStore(stateDir, {
      recipients: topics.recipients,
      subjects: topics.subjects,
    });
    const { clusterId } = await (async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return await admin.describeCluster();
      } finally {
        await admin.disconnect();
      }
    })();
    if (store.open({ clusterId, topicPrefix: prefix }) !== null)
      throw new Error('store not resumed');
    const samples: number[] = [];
    for (let k = 0; k < LOOKUPS; k++) {
      const id = `learner-${(k * 7919) % N}`;
      const t0 = process.hrtime.bigint();
      const found = store.get('subjects', id);
      samples.push(Number(process.hrtime.bigint() - t0) / 1000);
      if (!found) throw new Error(`benchmark: ${id} not found`);
    }
    store.close();

    say(
      JSON.stringify({
        subjects: N,
        heapBytesPerSubject: Math.round((loaded.heapUsed - base.heapUsed) / N),
        rssBytesPerSubject: Math.round((loaded.rss - base.rss) / N),
        diskBytesPerSubject: Math.round(state.storeBytes / N),
        applyPerSec: Math.round(N / (fullReplayMs / 1000)),
        restartReadyMs,
        fullReplayMs,
        lookupP99Us: Number(p99(samples).toFixed(2)),
      }),
    );
  } finally {
    await stopChildren();
    rmSync(join(stateDir, '..'), { recursive: true, force: true });
    await broker.stop();
  }
}

main().catch(async (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  await stopChildren();
  process.exit(1);
});
