import { Inject, Injectable } from '@nestjs/common';
import {
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { IHeaders } from '@app/runtime';
import { GATEWAY_TRACING } from '../config/gateway-config.constants';
import { primaryReason, reasonCodes } from './decision-summary';
import type { ObservedDecision, ObservedInput } from './observed-record';
import { forwardedTraceHeaders, kafkaHeaderGetter } from './trace-headers';

/** One record's outputs and the trace headers they carry (none: the record had no trace). */
export interface TracedDecision<R extends ObservedDecision> {
  out: R;
  trace: IHeaders | undefined;
}

/** How a batch ended, for its span. */
export interface BatchSummary {
  records: number;
  firstOffset?: string;
  nextOffset?: bigint;
  seq?: number;
}

/** The trace of one fetched batch: a `batch` span, its steps, and a `decide` span per record. */
export interface BatchTrace {
  /** The batch's trace id while it is sampled, for its log line. */
  readonly traceId: string | undefined;
  /** Runs one record's decision as a `decide` span; returns the trace headers of its outputs. */
  decide<R extends ObservedDecision>(input: ObservedInput, run: () => R): TracedDecision<R>;
  /** Runs a step of the batch (consent barrier, transaction) as a child span. */
  step<T>(name: string, run: () => Promise<T>, attributes?: Attributes): Promise<T>;
  end(summary: BatchSummary): void;
  fail(error: unknown): void;
}

/** With tracing off: no spans; a record's own traceparent goes on to its share and audit event. */
const UNTRACED: BatchTrace = {
  traceId: undefined,
  decide: (input, run) => ({ out: run(), trace: forwardedTraceHeaders(input.headers) }),
  step: (_name, run) => run(),
  end: () => undefined,
  fail: () => undefined,
};

/**
 * The gateway's spans, made by hand. `@opentelemetry/instrumentation-kafkajs` is not used: with
 * batch consumption its per-message spans are children of a poll span and only *link* to the
 * producer, it wraps the transaction's sendBatch and overwrites the `traceparent` we set on
 * each share with a span of its own transaction, and it puts the message key (here the
 * subjectId) on every span, the state topics' included.
 *
 * So per batch a `batch` span (root), with `consent-barrier` and `transaction` children, and
 * per record a `decide` span whose parent is the producer's context from the record's
 * `traceparent` (linked to the batch), or the batch span when the record has none. The
 * decide span's context goes into the `traceparent` of the record's share and audit event,
 * so one trace runs producer → gateway → partner. Sampling is the SDK's (OTEL_TRACES_SAMPLER,
 * parent-based by default): a producer's sampled trace is always continued. Baggage is not passed on: it may carry
 * anything a producer put there.
 *
 * Attributes are ids and codes only: requestId, recipientId, purpose, decision, reason codes,
 * field counts, topic, partition, offset. Never a data value, never a field name (a producer
 * chooses those), never the subjectId (it names a learner; the requestId leads to it in the
 * auditor, behind its token). A rejected record's ids were never validated, so its span
 * carries only partition, offset and the rejection code.
 */
@Injectable()
export class PipelineTracer {
  private readonly tracer: Tracer = trace.getTracer('onward-gateway');

  constructor(@Inject(GATEWAY_TRACING) private readonly enabled: boolean) {}

  /** Starts the trace of a fetched batch of `topic`/`partition`. */
  startBatch(topic: string, partition: number, messages: number): BatchTrace {
    if (!this.enabled) return UNTRACED;
    return new TracedBatch(this.tracer, topic, partition, messages);
  }
}

class TracedBatch implements BatchTrace {
  readonly traceId: string | undefined;
  private readonly span: Span;
  private readonly context: Context;

  constructor(
    private readonly tracer: Tracer,
    topic: string,
    partition: number,
    messages: number,
  ) {
    this.span = tracer.startSpan(
      'batch',
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...messagingAttributes(topic, partition),
          'messaging.batch.message_count': messages,
        },
      },
      ROOT_CONTEXT,
    );
    this.context = trace.setSpan(ROOT_CONTEXT, this.span);
    // Read now: an ended span no longer says whether it was recorded.
    this.traceId = this.span.isRecording() ? this.span.spanContext().traceId : undefined;
  }

  decide<R extends ObservedDecision>(input: ObservedInput, run: () => R): TracedDecision<R> {
    const producer = propagation.extract(ROOT_CONTEXT, input.headers ?? {}, kafkaHeaderGetter);
    const producerSpan = trace.getSpanContext(producer);
    const fromProducer = producerSpan !== undefined && isSpanContextValid(producerSpan);
    const span = this.tracer.startSpan(
      'decide',
      {
        kind: SpanKind.CONSUMER,
        // Topic and system are on the batch span; per record only where it sits.
        attributes: {
          'messaging.destination.partition.id': String(input.partition),
          'messaging.kafka.offset': Number(input.offset),
        },
        links: fromProducer ? [{ context: this.span.spanContext() }] : undefined,
      },
      fromProducer ? producer : this.context,
    );
    try {
      const out = run();
      const sampled = span.isRecording();
      if (sampled) span.setAttributes(decisionAttributes(out));
      // A record with no trace of its own in an unsampled batch has nothing to continue: its
      // outputs get no headers, as with tracing off (and Kafka encodes two headers fewer).
      if (!fromProducer && !sampled) return { out, trace: undefined };
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers);
      return { out, trace: headers };
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  async step<T>(name: string, run: () => Promise<T>, attributes?: Attributes): Promise<T> {
    const span = this.tracer.startSpan(name, { attributes }, this.context);
    try {
      return await run();
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  end({ records, firstOffset, nextOffset, seq }: BatchSummary): void {
    this.span.setAttribute('onward.records', records);
    if (firstOffset !== undefined) this.span.setAttribute('onward.first_offset', firstOffset);
    if (nextOffset !== undefined) this.span.setAttribute('onward.next_offset', String(nextOffset));
    if (seq !== undefined) this.span.setAttribute('onward.chain.seq', seq);
    this.span.end();
  }

  fail(error: unknown): void {
    failed(this.span, error);
    this.span.end();
  }
}

function messagingAttributes(topic: string, partition: number): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': topic,
    'messaging.destination.partition.id': String(partition),
  };
}

function decisionAttributes({ audit }: ObservedDecision): Attributes {
  const attributes: Attributes = {
    'onward.decision': audit.decision,
    'onward.reasons': reasonCodes(audit),
  };
  const reason = primaryReason(audit);
  if (reason !== null) attributes['onward.reason'] = reason;
  if (audit.decision === 'reject') return attributes;
  attributes['onward.request_id'] = audit.requestId ?? undefined;
  attributes['onward.recipient_id'] = audit.recipientId ?? undefined;
  attributes['onward.purpose'] = audit.purpose ?? undefined;
  attributes['onward.fields.shared'] = audit.fieldsShared.length;
  attributes['onward.fields.withheld'] = audit.fieldsWithheld.length;
  return attributes;
}

/** Marks a span failed with the error's class name only: a message may quote input. */
function failed(span: Span, error: unknown): void {
  const type = error instanceof Error ? error.name : 'unknown';
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}
