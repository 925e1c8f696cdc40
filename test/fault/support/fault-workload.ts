// The requests of a fault test and what the gateway must decide for each: the mix of the crash
// test (allowed shares to an instructor and a partner, denials for earlier opt-outs and for an
// unknown recipient), optionally 1 % malformed records, and opt-outs written during the fault.
import { Kafka, logLevel, Partitioners, type Message, type Producer } from 'kafkajs';
import type { ShareRequest } from '@app/contracts';
import { recipient, shareRequest, subject } from '../../support/fixtures';
import type { GatewayHarness } from '../../support/gateway-harness';
import { testBrokers } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';

export const SUBJECTS = 240;
/** Partitions of the test's topics (requests, subjects and audit are co-partitioned). */
export const PARTITIONS = 6;
export const instructor = recipient('instructor');
export const partner = recipient('business_partner');

/** allow | deny | reject, or `optOut` for a marketing request of a subject opted out mid-test. */
export type Expected = 'allow' | 'deny' | 'reject' | 'optOut';

/** One input record and what its decision must be. */
export interface WorkItem {
  index: number;
  key: string;
  value: string;
  requestId: string | null;
  subjectId: string;
  expected: Expected;
}

export const subjectId = (i: number): string => `fault-s-${i % SUBJECTS}`;
/** Opted out of marketing before the test starts. */
export const optedOutBefore = (s: number): boolean => s % 4 === 0;
/** Opts out of marketing while the fault is on. */
export const optsOutDuringFault = (s: number): boolean => s % 4 === 2;

/** The subject profiles written before the test. */
export function initialSubjects(): ReturnType<typeof subject>[] {
  return Array.from({ length: SUBJECTS }, (_, s) =>
    subject(subjectId(s), optedOutBefore(s) ? { optOuts: ['marketing'] } : {}),
  );
}

/** Record `i` of a test run named `run`; every 100th is malformed when `malformed` is set. */
export function workItem(run: string, i: number, malformed: boolean): WorkItem {
  const requestId = `${run}-${i}`;
  const s = i % SUBJECTS;
  const key = subjectId(i);
  const item = (request: ShareRequest, expected: Expected, k = key): WorkItem => ({
    index: i,
    key: k,
    value: JSON.stringify(request),
    requestId,
    subjectId: key,
    expected,
  });
  if (malformed && i % 100 === 99) {
    // Half cannot be parsed at all (no requestId to read), half break the contract's keying.
    if (i % 200 === 199) {
      return {
        index: i,
        key,
        value: `{"requestId":"${requestId}",`,
        requestId: null,
        subjectId: key,
        expected: 'reject',
      };
    }
    return item(
      shareRequest(requestId, key, instructor.recipientId, 'course_administration'),
      'reject',
      `other-${key}`,
    );
  }
  const kind = i % 20;
  if (kind === 18) return item(shareRequest(requestId, key, 'nobody', 'marketing'), 'deny');
  if (kind >= 12) {
    const expected = optedOutBefore(s) ? 'deny' : optsOutDuringFault(s) ? 'optOut' : 'allow';
    return item(shareRequest(requestId, key, partner.recipientId, 'marketing'), expected);
  }
  return item(
    shareRequest(requestId, key, instructor.recipientId, 'course_administration'),
    'allow',
  );
}

/** A producer that rides out a fault: long, bounded retries (the test's other clients fail sooner). */
export function patientKafka(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: testBrokers(),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 300, maxRetryTime: 3000, retries: 60 },
  });
}

const partitionOf = Partitioners.DefaultPartitioner();

/**
 * Sends `messages` to `topic` with one send per partition, each to the partition kafkajs'
 * default partitioner picks for its key (the one every other writer of these topics uses).
 * Why: kafkajs 2.2.4 loses records when one send spans several leaders and a leader moves
 * while it retries (sendMessages.js skips the partitions that moved to a broker that already
 * answered, and resolves). A send to one partition has one leader, so nothing is skipped.
 */
export async function sendPerPartition(
  producer: Producer,
  topic: string,
  partitions: number,
  messages: Message[],
): Promise<void> {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: -1,
    replicas: [],
    isr: [],
    partitionErrorCode: 0,
  }));
  const byPartition = new Map<number, Message[]>();
  for (const message of messages) {
    const partition = partitionOf({ topic, partitionMetadata, message });
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), { ...message, partition }]);
  }
  await Promise.all(
    [...byPartition.values()].map((batch) => producer.send({ topic, acks: -1, messages: batch })),
  );
}

/**
 * Produces the work items in chunks, never more than `maxBacklog` ahead of the audit stream,
 * and counts what Kafka acknowledged. `started` is the index after the last chunk whose send
 * began: every record from it on is appended after any write acknowledged before.
 */
export class Feeder {
  started = 0;
  acknowledged = 0;
  private producer: Producer | undefined;

  constructor(
    private readonly harness: GatewayHarness,
    private readonly items: WorkItem[],
    private readonly chunk = 250,
    private readonly maxBacklog = 2000,
  ) {}

  async run(): Promise<void> {
    this.producer = patientKafka('onward-fault-feeder').producer({
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await this.producer.connect();
    try {
      const audit = this.harness.topics.audit;
      for (let from = 0; from < this.items.length; from += this.chunk) {
        await waitFor(() => this.acknowledged - this.harness.count(audit) < this.maxBacklog, {
          timeoutMs: 180_000,
          what: 'the gateway to work off the backlog',
        });
        const chunk = this.items.slice(from, from + this.chunk);
        this.started = from + chunk.length;
        await sendPerPartition(
          this.producer,
          this.harness.topics.shareRequests,
          PARTITIONS,
          chunk.map((c) => ({ key: c.key, value: c.value })),
        );
        this.acknowledged = from + chunk.length;
      }
    } finally {
      await this.producer.disconnect();
    }
  }
}

/**
 * Writes the opt-outs of the subjects that opt out during the fault and resolves, once Kafka
 * acknowledged them, with the feeder's `started` at that moment: every request from that index
 * on was consumed after the opt-outs and must honour them. A send that fails while the cluster
 * heals is sent again (a second copy of a profile changes nothing).
 */
export async function writeOptOuts(
  harness: GatewayHarness,
  feeder: Feeder,
): Promise<{ boundary: number; ackedAt: number }> {
  const kafka = patientKafka('onward-fault-opt-outs');
  const subjects = initialSubjects().filter((_, s) => optsOutDuringFault(s));
  const messages = subjects.map((s) => ({
    key: s.subjectId,
    value: JSON.stringify({ ...s, optOuts: ['marketing'] }),
  }));
  return waitFor(
    async () => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      try {
        await producer.connect();
        await sendPerPartition(producer, harness.topics.subjects, PARTITIONS, messages);
        return { boundary: feeder.started, ackedAt: Date.now() };
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    },
    { timeoutMs: 180_000, intervalMs: 500, what: 'the opt-outs to be acknowledged' },
  );
}
