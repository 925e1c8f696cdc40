import type { Writable } from 'node:stream';
import { ChainVerifier, topicNames, type NoteVerifier } from '@app/contracts';
import { Kafka, logLevel, type SASLOptions, TopicAdmin } from '@app/runtime';
import { readWholeTopic, type TopicReadResult } from './audit-topic-reader';
import { checkpointLine, PartitionLeaves, verifyCheckpoints } from './verify-checkpoints';
import { partitionLine, type PartitionSummary, verdict } from './verify-summary';

/** Options of `onward verify`. */
export interface VerifyOptions {
  brokers: string[];
  /** Topic prefix (DESIGN §2), e.g. `privacy.`. */
  prefix: string;
  out: Writable;
  err?: Writable;
  /** Give up when the read makes no progress for this long. Default 15 s. */
  idleTimeoutMs?: number;
  /** Credentials for a secured broker (the auditor's principal reads the audit topic). */
  sasl?: SASLOptions;
  /** Log verifier keys: when given, the signed checkpoints are checked against the events too. */
  checkpointKeys?: readonly NoteVerifier[];
  /** The cluster id in checkpoint origins (default: the cluster id the broker reports). */
  checkpointOrigin?: string;
}

/**
 * `onward verify`: reads the whole audit topic (read_committed), checks every partition's hash
 * chain with the contract's `ChainVerifier`, prints one line per partition and a verdict.
 * Exit code 0: every chain intact; 1: a break, the first one named (partition, seq, offset,
 * kind); 2: the topic could not be read to its end.
 */
export async function runVerify(options: VerifyOptions): Promise<number> {
  const topics = topicNames(options.prefix);
  const topic = topics.audit;
  const leaves = new Map<number, PartitionLeaves>();
  const leavesOf = (partition: number): PartitionLeaves => {
    if (!leaves.has(partition)) leaves.set(partition, new PartitionLeaves());
    return leaves.get(partition)!;
  };
  const kafka = new Kafka({
    clientId: 'onward-verify',
    brokers: options.brokers,
    sasl: options.sasl,
    logLevel: logLevel.NOTHING,
  });
  const summaries = new Map<number, PartitionSummary & { verifier: ChainVerifier }>();
  const summaryOf = (partition: number) => {
    let s = summaries.get(partition);
    if (!s) {
      s = {
        partition,
        records: 0,
        unparseable: 0,
        tip: null,
        alerts: [],
        incomplete: null,
        verifier: new ChainVerifier(partition),
      };
      summaries.set(partition, s);
    }
    return s;
  };
  let read: TopicReadResult;
  try {
    read = await readWholeTopic(
      kafka,
      topic,
      (partition, record) => {
        const s = summaryOf(partition);
        const check = s.verifier.accept(record.value ?? Buffer.alloc(0), record.offset);
        s.records++;
        if (check.event === null) s.unparseable++;
        else leavesOf(partition).add(check.event);
        s.alerts.push(...check.alerts);
      },
      options.idleTimeoutMs ?? 15_000,
    );
  } catch (error) {
    (options.err ?? options.out).write(
      `verify: cannot read ${topic}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const list = read.partitions.map((partition) => {
    const { verifier, ...s } = summaryOf(partition);
    const position = read.positions.get(partition)!;
    const end = read.ends.get(partition)!;
    // At the true end a held record is judged alone; cut short, it may yet be explained.
    if (position >= end) s.alerts.push(...verifier.flush());
    return {
      ...s,
      tip: verifier.currentTip(),
      incomplete: position >= end ? null : { position, end },
    };
  });
  options.out.write(`${topic}: ${list.length} partition(s)\n`);
  for (const s of list) options.out.write(`${partitionLine(s)}\n`);
  const { line, code } = verdict(topic, list);
  if (!options.checkpointKeys?.length) {
    options.out.write(`${line}\n`);
    return code;
  }
  return finishWithCheckpoints(kafka, options, topics.checkpoints, list, leaves, { line, code });
}

/** The checkpoint half of verify: judged after the chains, the worse verdict wins. */
async function finishWithCheckpoints(
  kafka: Kafka,
  options: VerifyOptions,
  checkpointsTopic: string,
  list: PartitionSummary[],
  leaves: Map<number, PartitionLeaves>,
  chains: { line: string; code: number },
): Promise<number> {
  const auditTopic = topicNames(options.prefix).audit;
  const clusterId = await TopicAdmin.using(kafka, (topics) => topics.clusterId());
  const read = new Map(
    list.map((s) => [
      s.partition,
      { leaves: leaves.get(s.partition)?.leaves ?? [], complete: s.incomplete === null },
    ]),
  );
  let summaries;
  try {
    summaries = await verifyCheckpoints(
      kafka,
      checkpointsTopic,
      { topic: auditTopic, clusterId: options.checkpointOrigin ?? clusterId },
      options.checkpointKeys ?? [],
      read,
      options.idleTimeoutMs ?? 15_000,
    );
  } catch (error) {
    (options.err ?? options.out).write(
      `verify: cannot read ${checkpointsTopic}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  options.out.write(`${checkpointsTopic}:\n`);
  for (const s of summaries) options.out.write(`${checkpointLine(s)}\n`);
  const first = summaries.flatMap((s) => s.alerts)[0];
  if (chains.code === 1 || !first) {
    options.out.write(`${chains.line}\n`);
    return chains.code;
  }
  options.out.write(
    `FAILED: ${auditTopic} partition ${first.partition}, signed size ${first.size}: ${first.kind} (${first.detail})\n`,
  );
  return 1;
}
