// Tracing with the real SDK and a real broker, the gateway running in this process with an
// in-memory exporter: a producer's traceparent continues through the gateway's `decide` span
// into the share's and the audit event's headers, and no span holds a data value.
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { propagation, ROOT_CONTEXT, SpanKind, trace, type SpanContext } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { validateEnv } from '@app/runtime';
import pino from 'pino';
import { shutdownTelemetry, startTelemetry } from '@app/runtime/telemetry';
import { GatewayEnv } from '../../apps/gateway/src/config/gateway-env';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness, type ReadRecord } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';
import { plantedData, plantedValues } from './planted-values';

const exporter = new InMemorySpanExporter();
const harness = new GatewayHarness(3);
const planted = plantedValues();
const learner = `learner-trace-${Date.now().toString(36)}`;
const instructor = recipient('instructor', { courses: ['ml-101'] });
const suspended = recipient('institution', { status: 'suspended' });
let gateway: INestApplicationContext;
/** What the gateway logged, one JSON object per line. */
const logLines: Record<string, unknown>[] = [];

/** A producer span, ended, and the headers a producer would send with it. */
function producerSpan(name: string): { context: SpanContext; headers: Record<string, string> } {
  const span = trace.getTracer('test-producer').startSpan(name, { kind: SpanKind.PRODUCER });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers);
  span.end();
  return { context: span.spanContext(), headers };
}

const spans = (): ReadableSpan[] => exporter.getFinishedSpans();

function decideSpanAt(record: ReadRecord | { partition: number; offset: string }): ReadableSpan {
  const found = spans().find(
    (s) =>
      s.name === 'decide' &&
      s.attributes['messaging.destination.partition.id'] === String(record.partition) &&
      s.attributes['messaging.kafka.offset'] === Number(record.offset),
  );
  if (!found) throw new Error(`no decide span at ${record.partition}/${record.offset}`);
  return found;
}

/** The decide span of the request `requestId`, once it has ended. */
function decideSpanOf(requestId: string): Promise<ReadableSpan> {
  return waitFor(
    () =>
      spans().find((s) => s.name === 'decide' && s.attributes['onward.request_id'] === requestId),
    { what: `decide span of ${requestId}` },
  );
}

const traceparent = (ctx: SpanContext): string => `00-${ctx.traceId}-${ctx.spanId}-01`;

beforeAll(async () => {
  startTelemetry('gateway', { spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const env = validateEnv('gateway', GatewayEnv, harness.gatewayEnv());
  gateway = await NestFactory.createApplicationContext(
    GatewayModule.forRoot(
      env,
      pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) }),
    ),
    { logger: false },
  );
  await harness.connect();
  await harness.putRecipients([instructor, suspended]);
  await harness.putSubjects([subject(learner)]);
  await harness.startReading([instructor.recipientId]);
});

afterAll(async () => {
  await gateway?.close();
  await harness.close();
  await shutdownTelemetry();
});

describe('trace propagation through the gateway', () => {
  it('continues a producer trace into the decide span, the share and the audit event', async () => {
    const producer = producerSpan('send share-request');
    const request = shareRequest(
      'tr-allowed',
      learner,
      instructor.recipientId,
      'course_administration',
      {
        courseId: 'ml-101',
        data: plantedData(planted),
      },
    );
    await harness.send(harness.topics.shareRequests, [
      { key: learner, value: JSON.stringify(request), headers: producer.headers },
    ]);
    const decide = await decideSpanOf('tr-allowed');

    expect(decide.spanContext().traceId).toBe(producer.context.traceId);
    expect(decide.parentSpanContext?.spanId).toBe(producer.context.spanId);
    expect(decide.kind).toBe(SpanKind.CONSUMER);
    expect(decide.attributes).toMatchObject({
      'onward.request_id': 'tr-allowed',
      'onward.recipient_id': instructor.recipientId,
      'onward.purpose': 'course_administration',
      'onward.decision': 'allow',
    });
    expect(decide.attributes['onward.reasons']).toEqual(
      expect.arrayContaining([expect.any(String)]),
    );
    expect(decide.attributes['onward.fields.withheld']).toBe(1);
    const share = await waitFor(
      () =>
        harness
          .on(`${harness.prefix}shares.${instructor.recipientId}`)
          .find((r) => r.value?.includes('tr-allowed')),
      { what: 'the share' },
    );
    const audit = await waitFor(
      () => harness.on(harness.topics.audit).find((r) => r.value?.includes('"tr-allowed"')),
      { what: 'the audit event' },
    );
    expect(share.headers.traceparent).toBe(traceparent(decide.spanContext()));
    expect(audit.headers.traceparent).toBe(traceparent(decide.spanContext()));
    expect(decideSpanAt(audit)).toBe(decide);
    // Linked to the batch span that committed it, itself with the barrier and transaction steps.
    const batch = await waitFor(
      () =>
        spans().find(
          (s) => s.name === 'batch' && s.spanContext().spanId === decide.links[0]?.context.spanId,
        ),
      { what: 'the batch span' },
    );
    const steps = spans().filter((s) => s.parentSpanContext?.spanId === batch.spanContext().spanId);
    expect(steps.map((s) => s.name).sort()).toEqual(['consent-barrier', 'transaction']);
    expect(batch.attributes['onward.records']).toBeGreaterThanOrEqual(1);
    expect(batch.attributes['messaging.destination.name']).toBe(harness.topics.shareRequests);
    // The batch's one log line names its trace.
    const line = await waitFor(
      () =>
        logLines.find(
          (l) => l.msg === 'batch committed' && l.traceId === batch.spanContext().traceId,
        ),
      { what: 'the batch log line with its traceId' },
    );
    expect(line).toMatchObject({ partition: audit.partition, records: expect.any(Number) });
  });

  it('traces a denial into its audit event with the primary reason', async () => {
    const producer = producerSpan('send share-request');
    const request = shareRequest(
      'tr-denied',
      learner,
      suspended.recipientId,
      'course_improvement',
      {
        data: plantedData(planted),
      },
    );
    await harness.send(harness.topics.shareRequests, [
      { key: learner, value: JSON.stringify(request), headers: producer.headers },
    ]);
    const decide = await decideSpanOf('tr-denied');
    expect(decide.parentSpanContext?.spanId).toBe(producer.context.spanId);
    expect(decide.attributes).toMatchObject({
      'onward.decision': 'deny',
      'onward.reason': 'RECIPIENT_SUSPENDED',
      'onward.fields.shared': 0,
    });
    const audit = await waitFor(
      () => harness.on(harness.topics.audit).find((r) => r.value?.includes('"tr-denied"')),
      { what: 'the audit event' },
    );
    expect(audit.headers.traceparent).toBe(traceparent(decide.spanContext()));
  });

  it('traces a rejected record by partition, offset and code only', async () => {
    const producer = producerSpan('send share-request');
    const value = `{"requestId":"tr-broken","purpose":"${planted.broken}","data":{"name":"${planted.broken}"`;
    await harness.send(harness.topics.shareRequests, [
      { key: learner, value, headers: producer.headers },
    ]);
    const dlq = await waitFor(() => harness.on(harness.topics.dlq).find((r) => r.value === value), {
      what: 'the DLQ record',
    });
    const at = {
      partition: Number(dlq.headers['onward.source.partition']),
      offset: dlq.headers['onward.source.offset'],
    };
    const decide = await waitFor(
      () => {
        try {
          return decideSpanAt(at);
        } catch {
          return null;
        }
      },
      { what: 'the decide span of the rejected record' },
    );
    expect(decide.parentSpanContext?.spanId).toBe(producer.context.spanId);
    expect(decide.attributes).toMatchObject({
      'onward.decision': 'reject',
      'onward.reason': 'INVALID_JSON',
    });
    expect(decide.attributes['onward.request_id']).toBeUndefined();
    expect(decide.attributes['onward.purpose']).toBeUndefined();
    const audit = await waitFor(
      () =>
        harness
          .on(harness.topics.audit)
          .find((r) => r.partition === at.partition && r.value?.includes('"request.rejected"')),
      { what: 'the rejection event' },
    );
    expect(audit.headers.traceparent).toBe(traceparent(decide.spanContext()));
  });

  it('starts a trace at the batch for a request without traceparent', async () => {
    const request = shareRequest(
      'tr-untraced',
      learner,
      instructor.recipientId,
      'course_administration',
      {
        courseId: 'ml-101',
      },
    );
    await harness.request([request]);
    const decide = await decideSpanOf('tr-untraced');
    const batch = await waitFor(
      () => spans().find((s) => s.spanContext().spanId === decide.parentSpanContext?.spanId),
      { what: 'the batch span' },
    );
    expect(batch.name).toBe('batch');
    expect(batch.parentSpanContext).toBeUndefined();
    expect(decide.links).toEqual([]);
    const share = await waitFor(
      () =>
        harness
          .on(`${harness.prefix}shares.${instructor.recipientId}`)
          .find((r) => r.value?.includes('tr-untraced')),
      { what: 'the share' },
    );
    expect(share.headers.traceparent).toBe(traceparent(decide.spanContext()));
  });

  it('puts no data value and no subjectId in any span', () => {
    const text = JSON.stringify(
      spans().map((s) => ({
        name: s.name,
        attributes: s.attributes,
        events: s.events,
        status: s.status,
      })),
    );
    expect(spans().length).toBeGreaterThan(0);
    for (const value of planted.all()) expect(text).not.toContain(value);
    expect(text).not.toContain(learner);
  });
});
