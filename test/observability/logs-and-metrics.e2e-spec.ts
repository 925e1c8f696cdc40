import { createHash } from 'node:crypto';
// Both built apps as child processes at LOG_LEVEL=debug, fed a known run: N allowed shares, M
// denials by a known reason and K records for the DLQ, carrying planted values in names,
// emails, grades and bad records. Their /metrics must count exactly that, and nothing they
// print (stdout and stderr, to the last line after SIGTERM) may contain a planted value or
// the auditor's bearer token. Tracing is off here (no OTEL_*): a producer's traceparent is
// passed on as it came.
import type { AppProcess } from '../support/app-process';
import {
  startAuditor,
  waitForRecords,
  type RunningAuditor,
} from '../support/auditor/auditor-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';
import { plantedData, plantedValues } from './planted-values';
import { declares, parseSamples, samplesOf, sumOf, type Sample } from './prometheus-text';

const harness = new GatewayHarness(3);
const planted = plantedValues();
const learner = `learner-logs-${Date.now().toString(36)}`;
const instructor = recipient('instructor', { courses: ['ml-101'] });
const suspended = recipient('institution', { status: 'suspended' });
const PRODUCER_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const ALLOWED = 5;
const DENIED = 3;
const REJECTED = { INVALID_JSON: 1, INVALID_MESSAGE: 1, KEY_MISMATCH: 1 };
const TOTAL = ALLOWED + DENIED + 3;

let gateway: AppProcess;
let auditor: RunningAuditor;
let chainLengths: Map<number, number>;

async function scrape(url: string): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  return { text, samples: parseSamples(text) };
}

async function feed(): Promise<void> {
  const data = plantedData(planted);
  const allowed = Array.from({ length: ALLOWED }, (_, i) =>
    shareRequest(`lm-allow-${i}`, learner, instructor.recipientId, 'course_administration', {
      courseId: 'ml-101',
      data,
    }),
  );
  const denied = Array.from({ length: DENIED }, (_, i) =>
    shareRequest(`lm-deny-${i}`, learner, suspended.recipientId, 'course_improvement', { data }),
  );
  const [traced, ...rest] = allowed;
  await harness.send(harness.topics.shareRequests, [
    { key: learner, value: JSON.stringify(traced), headers: { traceparent: PRODUCER_TRACEPARENT } },
  ]);
  await harness.request([...rest, ...denied]);
  await harness.send(harness.topics.shareRequests, [
    { key: learner, value: `{"requestId":"lm-broken","data":{"name":"${planted.broken}"` },
    {
      key: learner,
      value: JSON.stringify({
        ...shareRequest('lm-invalid', learner, instructor.recipientId, 'operations', { data }),
        requestedAt: planted.invalid,
      }),
    },
    {
      key: 'someone-else',
      value: JSON.stringify(
        shareRequest('lm-key', learner, instructor.recipientId, 'course_administration', { data }),
      ),
    },
  ]);
}

beforeAll(async () => {
  gateway = await harness.startGateway({ LOG_LEVEL: 'debug' });
  await harness.connect();
  await harness.putRecipients([instructor, suspended]);
  await harness.putSubjects([
    subject(learner),
    // Invalid state is logged by key and offset: its values must not be.
    subject(`${learner}-bad`, { residence: planted.state, birthDate: planted.state }),
  ]);
  await harness.startReading([instructor.recipientId]);
  auditor = await startAuditor({ prefix: harness.prefix, env: { LOG_LEVEL: 'debug' } });
  await feed();
  chainLengths = await harness.awaitAllDecided();
  await waitForRecords(
    auditor,
    [...chainLengths.keys()].sort((a, b) => a - b).map((p) => chainLengths.get(p) ?? 0),
  );
});

afterAll(async () => {
  await auditor?.app.stop('SIGKILL');
  await harness.close();
});

describe('gateway /metrics after a known run', () => {
  it('counts decisions by outcome and primary reason, DLQ records and withheld fields', async () => {
    const { samples } = await scrape(await gateway.url());
    const decisions = 'onward_gateway_decisions_total';
    expect(sumOf(samples, decisions, { outcome: 'allow', reason: 'none' })).toBe(ALLOWED);
    expect(sumOf(samples, decisions, { outcome: 'deny', reason: 'RECIPIENT_SUSPENDED' })).toBe(
      DENIED,
    );
    for (const [code, n] of Object.entries(REJECTED)) {
      expect(sumOf(samples, decisions, { outcome: 'reject', reason: code })).toBe(n);
      expect(sumOf(samples, 'onward_gateway_dlq_records_total', { code })).toBe(n);
    }
    expect(sumOf(samples, decisions)).toBe(TOTAL);
    expect(sumOf(samples, 'onward_gateway_dlq_records_total')).toBe(3);

    // Withheld fields by reason: exactly what the audit events of the allowed shares say.
    const expected = new Map<string, number>();
    for (const event of harness.auditEvents().filter((e) => e.decision === 'allow')) {
      for (const r of event.reasons)
        if (r.field) expected.set(r.code, (expected.get(r.code) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThan(0);
    const withheld = samplesOf(samples, 'onward_gateway_withheld_fields_total');
    expect(new Map(withheld.map((s) => [s.labels.reason, s.value]))).toEqual(expected);
  });

  it('reports latency, batch size, lag and the chain length of every partition', async () => {
    const { text, samples } = await scrape(await gateway.url());
    const aborts = sumOf(samples, 'onward_gateway_transaction_aborts_total');
    expect(samplesOf(samples, 'onward_gateway_transaction_aborts_total')).toHaveLength(1);
    const decideCount = sumOf(samples, 'onward_gateway_decision_duration_seconds_count');
    if (aborts === 0) expect(decideCount).toBe(TOTAL);
    else expect(decideCount).toBeGreaterThanOrEqual(TOTAL);
    expect(sumOf(samples, 'onward_gateway_end_to_end_latency_seconds_count')).toBe(TOTAL);
    expect(sumOf(samples, 'onward_gateway_end_to_end_latency_seconds_sum')).toBeGreaterThan(0);
    expect(sumOf(samples, 'onward_gateway_batch_records_sum')).toBe(TOTAL);
    const batches = sumOf(samples, 'onward_gateway_batch_records_count');
    const batchLines = gateway
      .output()
      .split('\n')
      .filter((l) => l.includes('"batch committed"'));
    expect(batchLines).toHaveLength(batches);

    for (const [partition, length] of chainLengths) {
      const labels = { partition: String(partition) };
      expect(sumOf(samples, 'onward_gateway_audit_chain_length', labels)).toBe(length);
      const lag = samplesOf(samples, 'onward_gateway_consumer_lag_records', labels);
      if (length > 0) expect(lag.map((s) => s.value)).toEqual([0]);
    }
    expect(samplesOf(samples, 'onward_gateway_state_catchup_lag_records')).toHaveLength(1);
    expect(declares(text, 'process_cpu_seconds_total')).toBe(true);
    expect(declares(text, 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('passes a producer traceparent on unchanged to the share and the audit event', async () => {
    const share = await waitFor(
      () =>
        harness
          .on(`${harness.prefix}shares.${instructor.recipientId}`)
          .find((r) => r.value?.includes('"lm-allow-0"')),
      { what: 'the traced share' },
    );
    const audit = harness.on(harness.topics.audit).find((r) => r.value?.includes('"lm-allow-0"'));
    expect(share.headers.traceparent).toBe(PRODUCER_TRACEPARENT);
    expect(audit?.headers.traceparent).toBe(PRODUCER_TRACEPARENT);
    const untraced = harness
      .on(harness.topics.audit)
      .find((r) => r.value?.includes('"lm-allow-1"'));
    expect(untraced?.headers.traceparent).toBeUndefined();
  });
});

describe('auditor /metrics', () => {
  it('counts the ingested events without a token, while the API still needs one', async () => {
    expect((await auditor.raw('/api/integrity')).status).toBe(401);
    const { text, samples } = await scrape(auditor.url);
    const total = [...chainLengths.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(TOTAL);
    expect(sumOf(samples, 'onward_auditor_events_ingested_total')).toBe(TOTAL);
    expect(declares(text, 'onward_auditor_integrity_alerts_total')).toBe(true);
    expect(sumOf(samples, 'onward_auditor_integrity_alerts_total')).toBe(0);
    for (const [partition, length] of chainLengths) {
      const lag = samplesOf(samples, 'onward_auditor_ingest_lag_records', {
        partition: String(partition),
      });
      if (length > 0) expect(lag.map((s) => s.value)).toEqual([0]);
    }
  });
});

describe('what the apps print', () => {
  let outputs: { name: string; text: string }[];

  beforeAll(async () => {
    // Use the token the ways a reviewer does, right and wrong, then stop both apps cleanly.
    await auditor.get('/api/events?limit=5');
    const form = (token: string) =>
      auditor.raw('/ui/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
    expect((await form(auditor.token)).status).toBe(303);
    expect((await form(`${auditor.token}-wrong`)).status).toBe(401);
    expect(
      (await auditor.raw('/api/events', { headers: { authorization: `Bearer ${auditor.token}x` } }))
        .status,
    ).toBe(401);
    expect(await gateway.stop('SIGTERM')).toBe(0);
    expect(await auditor.app.stop('SIGTERM')).toBe(0);
    outputs = [
      { name: 'gateway', text: gateway.output() },
      { name: 'auditor', text: auditor.app.output() },
    ];
  });

  it('is JSON, one object per line', () => {
    for (const { text } of outputs) {
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it('holds no planted value and no bearer token, at debug level too', () => {
    // The values did pass through both processes: in a share, the DLQ and the audit topic.
    const written = JSON.stringify(harness.records);
    expect(written).toContain(planted.name);
    expect(written).toContain(planted.broken);
    expect(written).toContain(planted.invalid);
    for (const { name, text } of outputs) {
      for (const value of planted.all()) {
        expect({ app: name, leaks: text.includes(value) }).toEqual({ app: name, leaks: false });
      }
      expect({ app: name, token: text.includes(auditor.token) }).toEqual({
        app: name,
        token: false,
      });
    }
  });

  it('logs batches and bad records by ids and offsets, never per request', () => {
    const gatewayText = outputs[0].text;
    expect(gatewayText).toContain('"batch committed"');
    const skipped = gatewayText.split('\n').find((l) => l.includes('skipped invalid state record'));
    // The key is an untrusted id: logged as a short digest and its length, never verbatim.
    const badKey = `${learner}-bad`;
    const digest = createHash('sha256').update(badKey).digest('hex').slice(0, 16);
    expect(gatewayText).not.toContain(badKey);
    expect(JSON.parse(skipped ?? '{}')).toMatchObject({
      key: `sha256:${digest}/${Buffer.byteLength(badKey)}B`,
      partition: expect.any(Number),
      offset: expect.any(String),
    });
    expect(gatewayText).not.toMatch(/lm-(allow|deny|broken|invalid|key)/);
    expect(outputs[1].text).toContain('"audit batch stored"');
  });
});
