import type { Writable } from 'node:stream';
import { ChainVerifier, topicNames } from '@app/contracts';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { readWholeTopic, type TopicReadResult } from './audit-topic-reader';
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
}

/**
 * `onward verify`: reads the whole audit topic (read_committed), checks every partition's hash
 * chain with the contract's `ChainVerifier`, prints one line per partition and a verdict.
 * Exit code 0: every chain intact; 1: a break, the first one named (partition, seq, offset,
 * kind); 2: the topic could not be read to its end.
 */
export async function runVerify(options: VerifyOptions): Promise<number> {
  const topic = topicNames(options.prefix).audit;
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
  options.out.write(`${line}\n`);
  return code;
}
