import {
  appendToChainCanonical,
  decodeRecordKey,
  DLQ_HEADERS,
  tipOf,
  type AuditEvent,
  type ChainTip,
  type TopicNames,
} from '@app/contracts';
import type { OutgoingHeaders, OutgoingMessage, TopicMessages } from '@app/runtime';
import type { InputRecord, ProcessedRecord } from './share-request.processor';
import { errorHeaderOf } from './rejection';

/** A batch's records for one transaction, and the chain tip after them. */
export interface ChainedBatch {
  topicMessages: TopicMessages[];
  events: AuditEvent[];
  /** Each event's canonical JSON bytes: its Kafka value and its Merkle leaf. */
  leaves: Buffer[];
  tip: ChainTip | null;
}

/**
 * Links each audit event into the partition's chain in input order and groups every output
 * by topic. The audit event of input partition p goes to audit partition p (DESIGN §2).
 * `traces[i]`, the W3C trace headers of record i's decision, go on its audit event and share.
 *
 * Every record whose key comes from input is written to an explicit partition, so kafkajs
 * never hashes a hostile key (its murmur2 is super-linear in key length): audit events to the
 * input partition, DLQ copies to the input partition modulo `dlqPartitions`. Share keys are
 * hashed, as partners expect, but they are subjectRefs the contract bounds (≤ MAX_KEY_BYTES).
 */
export function chainBatch(
  topics: TopicNames,
  partition: number,
  tip: ChainTip | null,
  inputs: InputRecord[],
  processed: ProcessedRecord[],
  traces: readonly (OutgoingHeaders | undefined)[],
  dlqPartitions: number,
): ChainedBatch {
  const byTopic = new Map<string, OutgoingMessage[]>();
  const push = (topic: string, message: OutgoingMessage): void => {
    const list = byTopic.get(topic);
    if (list) list.push(message);
    else byTopic.set(topic, [message]);
  };
  const events: AuditEvent[] = [];
  const leaves: Buffer[] = [];
  let current = tip;
  processed.forEach((out, i) => {
    const input = inputs[i];
    const trace = traces[i];
    const { event, canonical } = appendToChainCanonical(current, partition, out.audit);
    current = tipOf(event);
    events.push(event);
    // The canonical form, serialised once with the hash: the record value and the leaf.
    const leaf = Buffer.from(canonical, 'utf8');
    leaves.push(leaf);
    push(topics.audit, {
      partition,
      key: event.subjectId ?? auditKeyOf(input.key),
      value: leaf,
      headers: trace,
    });
    if (out.share)
      push(out.share.topic, {
        key: out.share.key,
        value: out.share.value,
        headers: trace ? { ...out.share.headers, ...trace } : out.share.headers,
      });
    if (out.dlq) {
      push(topics.dlq, {
        partition: input.partition % dlqPartitions,
        key: input.key,
        value: input.value,
        headers: {
          [DLQ_HEADERS.error]: errorHeaderOf(out.dlq),
          [DLQ_HEADERS.sourcePartition]: String(input.partition),
          [DLQ_HEADERS.sourceOffset]: input.offset,
        },
      });
    }
  });
  return {
    topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    events,
    leaves,
    tip: current,
  };
}

/**
 * The audit key of a record whose subjectId could not be read: its own key when that is a
 * valid key, else none. The audit topic is kept forever; an oversize key has no place in it.
 */
function auditKeyOf(key: Buffer | null): Buffer | null {
  return decodeRecordKey(key).ok ? key : null;
}
