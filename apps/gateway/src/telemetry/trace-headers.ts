import type { TextMapGetter } from '@opentelemetry/api';
import type { IHeaders } from '@app/runtime';

/** W3C traceparent, version 00, with the all-zero ids the spec declares invalid refused. */
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
/** W3C's limit: a longer tracestate may be dropped. */
const MAX_TRACESTATE_CHARS = 512;

/** A Kafka header as text (kafkajs gives Buffers when reading; the first of repeated values). */
export function headerText(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('latin1');
}

/** Reads W3C trace context from kafkajs headers, for `propagation.extract`. */
export const kafkaHeaderGetter: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => headerText(carrier[key]),
};

/**
 * The trace headers to put on a record's outputs when tracing is off: the producer's own
 * `traceparent` (and `tracestate`), so that a partner's trace still joins the producer's.
 * A malformed traceparent is dropped rather than passed on to partners.
 */
export function forwardedTraceHeaders(headers: IHeaders | undefined): IHeaders | undefined {
  const traceparent = headers && headerText(headers.traceparent);
  if (!traceparent || !TRACEPARENT.test(traceparent)) return undefined;
  const tracestate = headerText(headers.tracestate);
  return tracestate && tracestate.length <= MAX_TRACESTATE_CHARS
    ? { traceparent, tracestate }
    : { traceparent };
}
