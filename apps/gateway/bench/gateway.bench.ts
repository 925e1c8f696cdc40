/**
 * Gateway throughput and latency against a raw kafkajs passthrough, in one process tree and
 * against one broker (started here unless KAFKA_BROKERS is set). For each pipeline:
 *   1. throughput: a backlog of N requests is queued, the pipeline started, and the rate of
 *      outputs measured between the 10th and 90th percentile of them (steady state); the
 *      median of REPS such runs, interleaved between the two pipelines;
 *   2. latency: requests offered at a fixed rate R for D seconds, end-to-end latency (produce
 *      call → output read by a read_committed reader) reported as p50/p99.
 * Three pipelines read the same requests from the same number of partitions with the same
 * consumer settings: a raw passthrough (copy, no transaction), an exactly-once passthrough
 * (eos-passthrough.worker.ts: the gateway's transactions and write pattern without its policy
 * work) and the gateway. The gateway's output counted is its audit event (one per request,
 * committed in the transaction with the share and the offset); the raw passthrough's is the
 * copied record; the exactly-once passthrough's its audit-sized record.
 * Last line: {"passthroughRps","eosPassthroughRps","gatewayRps","ratio","eosRatio",
 * "passthroughP99Ms","eosP99Ms","gatewayP99Ms"}; ratio = gateway / raw, eosRatio = gateway /
 * exactly-once.
 * Run: npm run --silent build && node dist/apps/gateway/bench/gateway.bench.js [N] [R] [D] [REPS]
 * (defaults 40000, 1000, 15, 3).
 * BENCH_CHECKPOINTS=1 compares the gateway without and with signed audit checkpoints (issue 13)
 * instead: last line {"gatewayRps","checkpointsRps","cost","gatewayP99Ms","checkpointsP99Ms"}.
 */
import { randomBytes } from 'node:crypto';
import { ED25519_NOTE_TYPE, generateNoteKey } from '@app/contracts';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { topicNames } from '@app/contracts';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { OutputReader } from './output-reader';
import { repoRoot, startBroker, startChild, stopChildren, type Child } from './processes';
import { benchState, requestAt, type RequestRecord } from './workload';

const N = Number(process.argv[2] ?? '40000');
const RATE = Number(process.argv[3] ?? '1000');
const SECONDS = Number(process.argv[4] ?? '15');
const REPS = Number(process.argv[5] ?? '3');
const PARTITIONS = 6;
const MAX_BYTES_PER_PARTITION = 1024 * 1024;
const CONCURRENT_PARTITIONS = 3;
const WAIT_MS = 120_000;
/** Bytes of the exactly-once passthrough's audit record: about a gateway audit event's. */
const AUDIT_BYTES = 1000;

const say = (line: string): boolean => process.stdout.write(`${line}\n`);

async function until(what: string, check: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`benchmark: ${what} not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function produce(producer: Producer, topic: string, records: RequestRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 2000) {
    const messages = records.slice(i, i + 2000).map((r) => ({ key: r.key, value: r.value }));
    await producer.send({ topic, acks: -1, messages });
  }
}

/** Offers `RATE` requests/s for `SECONDS` s; returns each request's send time. */
async function offer(producer: Producer, topic: string): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const start = Date.now();
  let sent = 0;
  for (;;) {
    const elapsed = (Date.now() - start) / 1000;
    if (elapsed >= SECONDS) break;
    const due = Math.min(Math.floor(RATE * elapsed), RATE * SECONDS) - sent;
    if (due <= 0) {
      await new Promise((r) => setTimeout(r, 2));
      continue;
    }
    const records = Array.from({ length: due }, (_, k) => requestAt(sent + k, 'lat'));
    const now = Date.now();
    for (const r of records) sentAt.set(r.requestId, now);
    await producer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({ key: r.key, value: r.value })),
    });
    sent += due;
  }
  return sentAt;
}

/** One of the two pipelines under test: where its input goes and how to start it. */
interface Pipeline {
  name: string;
  input: string;
  reader: OutputReader;
  start: () => Promise<Child>;
}

/**
 * One throughput sample: with the pipeline stopped, queue N requests, start it, and take the
 * output rate between the 10th and 90th percentile of the backlog (steady state).
 */
async function backlogRate(producer: Producer, p: Pipeline, rep: number): Promise<number> {
  await produce(
    producer,
    p.input,
    Array.from({ length: N }, (_, i) => requestAt(i, `tp${rep}`)),
  );
  const base = p.reader.total();
  const child = await p.start();
  await until(`${p.name}: backlog ${rep} decided`, () => p.reader.total() >= base + N);
  await child.stop();
  return p.reader.rateBetween(base + Math.floor(N * 0.1), base + Math.floor(N * 0.9));
}

/** End-to-end latency at the offered load: p50 and p99 in ms. */
async function latency(producer: Producer, p: Pipeline): Promise<[number, number]> {
  const child = await p.start();
  p.reader.watch(Array.from({ length: RATE * SECONDS }, (_, i) => `lat-${i}`));
  const sentAt = await offer(producer, p.input);
  await until(
    `${p.name}: every offered request decided`,
    () => p.reader.arrivals.size >= sentAt.size,
  );
  await child.stop();
  const latencies = [...sentAt].map(([id, t]) => (p.reader.arrivals.get(id) ?? NaN) - t);
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.floor(q * (latencies.length - 1))];
  return [at(0.5), at(0.99)];
}

async function passthrough(kafka: Kafka, brokers: string): Promise<Pipeline> {
  const prefix = `bench-pt-${randomBytes(3).toString('hex')}.`;
  const input = `${prefix}share-requests`;
  const output = `${prefix}out`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [input, output].map((topic) => ({ topic, numPartitions: PARTITIONS })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const reader = new OutputReader(kafka, output);
  await reader.start();
  const start = async (): Promise<Child> => {
    const worker = startChild(join(__dirname, 'passthrough.worker.js'), {
      KAFKA_BROKERS: brokers,
      BENCH_INPUT_TOPIC: input,
      BENCH_OUTPUT_TOPIC: output,
      BENCH_GROUP_ID: `${prefix}group`,
      BENCH_MAX_BYTES_PER_PARTITION: String(MAX_BYTES_PER_PARTITION),
      BENCH_CONCURRENT_PARTITIONS: String(CONCURRENT_PARTITIONS),
    });
    await worker.waitFor('passthrough running', WAIT_MS);
    return worker;
  };
  return { name: 'passthrough', input, reader, start };
}

async function eosPassthrough(kafka: Kafka, brokers: string): Promise<Pipeline> {
  const prefix = `bench-eos-${randomBytes(3).toString('hex')}.`;
  const input = `${prefix}share-requests`;
  const audit = `${prefix}audit`;
  const sharePrefix = `${prefix}shares.`;
  const shares = benchState().recipients.map((r) => `${sharePrefix}${r.recipientId}`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [input, audit, ...shares].map((topic) => ({ topic, numPartitions: PARTITIONS })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const reader = new OutputReader(kafka, audit);
  await reader.start();
  const start = async (): Promise<Child> => {
    const worker = startChild(join(__dirname, 'eos-passthrough.worker.js'), {
      KAFKA_BROKERS: brokers,
      BENCH_INPUT_TOPIC: input,
      BENCH_AUDIT_TOPIC: audit,
      BENCH_SHARE_TOPIC_PREFIX: sharePrefix,
      BENCH_PARTITIONS: String(PARTITIONS),
      BENCH_AUDIT_BYTES: String(AUDIT_BYTES),
      BENCH_GROUP_ID: `${prefix}group`,
      BENCH_MAX_BYTES_PER_PARTITION: String(MAX_BYTES_PER_PARTITION),
      BENCH_CONCURRENT_PARTITIONS: String(CONCURRENT_PARTITIONS),
    });
    await worker.waitFor('eos passthrough running', WAIT_MS);
    return worker;
  };
  return { name: 'eos', input, reader, start };
}

async function gateway(
  kafka: Kafka,
  producer: Producer,
  brokers: string,
  name = 'gateway',
  extraEnv: Record<string, string> = {},
): Promise<Pipeline> {
  const prefix = `bench-gw-${randomBytes(3).toString('hex')}.`;
  const topics = topicNames(prefix);
  const gatewayMain = join(repoRoot, 'dist/apps/gateway/src/main.js');
  const env = {
    KAFKA_BROKERS: brokers,
    ONWARD_TOPIC_PREFIX: prefix,
    GATEWAY_GROUP_ID: `${prefix}group`,
    ONWARD_PARTITIONS: String(PARTITIONS),
    ONWARD_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789',
    GATEWAY_HTTP_PORT: '0',
    GATEWAY_MAX_BYTES_PER_PARTITION: String(MAX_BYTES_PER_PARTITION),
    GATEWAY_CONCURRENT_PARTITIONS: String(CONCURRENT_PARTITIONS),
    ...extraEnv,
  };
  // BENCH_PROFILE_DIR=<dir>: V8 CPU profiles of the gateway runs, for finding hot spots.
  const profile = process.env.BENCH_PROFILE_DIR;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const start = async (): Promise<Child> => {
    const child = startChild(gatewayMain, env, nodeArgs);
    await child.waitFor('gateway listening', WAIT_MS);
    return child;
  };
  // A first run creates the topics, the state and the recipients' share topics.
  const setup = await start();
  const { recipients, subjects } = benchState();
  await producer.send({
    topic: topics.recipients,
    acks: -1,
    messages: recipients.map((r) => ({ key: r.recipientId, value: JSON.stringify(r) })),
  });
  await producer.send({
    topic: topics.subjects,
    acks: -1,
    messages: subjects.map((s) => ({ key: s.subjectId, value: JSON.stringify(s) })),
  });
  const admin = kafka.admin();
  await admin.connect();
  const shareTopics = recipients.map((r) => `${prefix}shares.${r.recipientId}`);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const existing = new Set(await admin.listTopics());
    if (shareTopics.every((t) => existing.has(t))) break;
    if (Date.now() > deadline) throw new Error('benchmark: share topics not created');
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin.disconnect();
  await setup.stop();
  const reader = new OutputReader(kafka, topics.audit);
  await reader.start();
  return { name, input: topics.shareRequests, reader, start };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const broker = await startBroker();
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: broker.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  try {
    await producer.connect();
    const sample = requestAt(0, 'tp').value.length;
    say(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
    say(
      `workload: ${N} backlog requests (~${sample} bytes each) on ${PARTITIONS} partitions, ` +
        `${CONCURRENT_PARTITIONS} consumed concurrently, ${MAX_BYTES_PER_PARTITION} bytes/partition/fetch; ` +
        `latency at ${RATE} requests/s for ${SECONDS} s; broker ${broker.started ? 'local' : broker.brokers}`,
    );
    if (process.env.BENCH_CHECKPOINTS === '1')
      return await compareCheckpoints(kafka, producer, broker.brokers);
    const pt = await passthrough(kafka, broker.brokers);
    const eos = await eosPassthrough(kafka, broker.brokers);
    const gw = await gateway(kafka, producer, broker.brokers);
    const lanes = [pt, eos, gw];
    // Interleaved repetitions, so that load from anything else on the machine hits all alike.
    const rates: Record<string, number[]> = { passthrough: [], eos: [], gateway: [] };
    for (let rep = 0; rep < REPS; rep++) {
      for (const p of lanes) rates[p.name].push(await backlogRate(producer, p, rep));
      say(
        `backlog ${rep + 1}/${REPS}: passthrough ${Math.round(rates.passthrough[rep])}, ` +
          `exactly-once passthrough ${Math.round(rates.eos[rep])}, ` +
          `gateway ${Math.round(rates.gateway[rep])} requests/s`,
      );
    }
    const p99: Record<string, number> = {};
    for (const p of lanes) {
      const [p50, at99] = await latency(producer, p);
      p99[p.name] = at99;
      say(
        `${p.name}: ${Math.round(median(rates[p.name]))} requests/s (median); ` +
          `latency p50 ${p50} ms, p99 ${at99} ms`,
      );
    }
    await Promise.all(lanes.map((p) => p.reader.stop()));
    const [ptRps, eosRps, gwRps] = lanes.map((p) => median(rates[p.name]));
    const round2 = (x: number): number => Math.round(x * 100) / 100;
    say(
      `ratio (gateway / passthrough): ${(gwRps / ptRps).toFixed(2)}; ` +
        `eosRatio (gateway / exactly-once passthrough): ${(gwRps / eosRps).toFixed(2)}`,
    );
    say(
      JSON.stringify({
        passthroughRps: Math.round(ptRps),
        eosPassthroughRps: Math.round(eosRps),
        gatewayRps: Math.round(gwRps),
        ratio: round2(gwRps / ptRps),
        eosRatio: round2(gwRps / eosRps),
        passthroughP99Ms: p99.passthrough,
        eosP99Ms: p99.eos,
        gatewayP99Ms: p99.gateway,
      }),
    );
  } finally {
    await stopChildren();
    await producer.disconnect().catch(() => undefined);
    await broker.stop();
  }
}

/** The gateway without and with signed checkpoints (default cadence), interleaved. */
async function compareCheckpoints(
  kafka: Kafka,
  producer: Producer,
  brokers: string,
): Promise<void> {
  const key = generateNoteKey('bench/gateway', ED25519_NOTE_TYPE).signer;
  const off = await gateway(kafka, producer, brokers, 'gateway');
  const on = await gateway(kafka, producer, brokers, 'checkpoints', {
    GATEWAY_CHECKPOINT_KEY: key,
  });
  const rates: Record<string, number[]> = { gateway: [], checkpoints: [] };
  for (let rep = 0; rep < REPS; rep++) {
    for (const p of rep % 2 === 0 ? [off, on] : [on, off]) {
      rates[p.name].push(await backlogRate(producer, p, rep));
    }
    say(
      `backlog ${rep + 1}/${REPS}: without checkpoints ${Math.round(rates.gateway[rep])} requests/s, ` +
        `with ${Math.round(rates.checkpoints[rep])} requests/s`,
    );
  }
  const [, offP99] = await latency(producer, off);
  const [, onP99] = await latency(producer, on);
  await Promise.all([off.reader.stop(), on.reader.stop()]);
  const offRps = median(rates.gateway);
  const onRps = median(rates.checkpoints);
  const cost = 1 - onRps / offRps;
  say(`checkpoints cost ${(cost * 100).toFixed(1)} % of gateway throughput (median of ${REPS})`);
  say(
    JSON.stringify({
      gatewayRps: Math.round(offRps),
      checkpointsRps: Math.round(onRps),
      cost: Math.round(cost * 1000) / 1000,
      gatewayP99Ms: offP99,
      checkpointsP99Ms: onP99,
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
