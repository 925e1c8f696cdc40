// What compliance sees at a glance, looked at in headless Chromium with the demo's data: the
// real gateway decides `onward demo`'s requests, and an auditor on each store (SQLite and
// PostgreSQL) reads the audit topic. Each new view is screenshotted to test-artifacts/
// (git-ignored) for a human to look at; the data map's flows are checked against the API's.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { type Browser, chromium, type Page } from 'playwright-core';
import { run } from '../../apps/cli/src/program';
import type { DataMap } from '../../apps/auditor/src/compliance/reports/data-map.service';
import type { ProcessingRecord } from '../../apps/auditor/src/compliance/reports/processing-record.service';
import type { ActivityReport } from '../../apps/auditor/src/compliance/reports/activity.service';
import { type RunningAuditor, STORES, startAuditor } from '../support/auditor/auditor-process';
import { GatewayHarness } from '../support/gateway-harness';
import { testBrokers } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const harness = new GatewayHarness(3);
let browser: Browser;
let decided = 0;

/** `onward demo` in-process against the harness's topics; its exit code. */
async function runDemo(): Promise<number> {
  const sink = new Writable({ write: (_chunk, _e, done) => done() });
  const env = {
    KAFKA_BROKERS: testBrokers().join(','),
    ONWARD_TOPIC_PREFIX: harness.prefix,
  };
  const argv = ['demo', '--requests', '120', '--rate', '1000'];
  return run(argv, { stdin: Readable.from([]), stdout: sink, stderr: sink, env });
}

/** The gateway, once more if it dies in its known start-up race (see gateway-to-auditor). */
async function startGateway(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const app = harness.spawnGateway();
    const outcome = await waitFor(
      () => (app.child.exitCode !== null ? 'exited' : /"url":"/.test(app.output()) ? 'up' : null),
      { timeoutMs: 60_000, what: 'the gateway to listen or exit' },
    );
    if (outcome === 'up') return;
    if (attempt === 2) throw new Error(`gateway did not start:\n${app.output().slice(-2000)}`);
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await startGateway();
  await harness.connect();
  expect(await runDemo()).toBe(0);
  await harness.startReading();
  const lengths = await harness.awaitAllDecided();
  decided = [...lengths.values()].reduce((n, l) => n + l, 0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await harness.close();
});

describe.each(STORES)('at a glance, with the demo’s data (%s store)', (store) => {
  let auditor: RunningAuditor;
  let page: Page;
  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `at-a-glance-${store}-${name}.png`), fullPage: true });

  beforeAll(async () => {
    auditor = await startAuditor({ prefix: harness.prefix, store });
    await waitFor(
      async () => (await auditor.get<ActivityReport>('/api/reports/activity')).events === decided,
      { what: `the auditor to store the demo's ${decided} events`, timeoutMs: 60_000 },
    );
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${auditor.url}/ui`);
    await page.fill('#token', auditor.token);
    await page.click('#login');
    await page.waitForSelector('#partitions');
  });

  afterAll(async () => {
    await page?.context().close();
    await auditor?.close('SIGTERM');
  });

  it('charts the integrity page, numbers beside each chart', async () => {
    await page.goto(`${auditor.url}/ui`);
    const api = await auditor.get<ActivityReport>('/api/reports/activity');
    for (const id of ['chart-decisions', 'chart-denials', 'chart-withheld', 'chart-chain']) {
      expect(await page.locator(`svg#${id}`).isVisible()).toBe(true);
      expect(await page.locator(`#${id}-table`).isVisible()).toBe(true);
    }
    const denials = await page.locator('#chart-denials-table tbody tr').allTextContents();
    expect(denials.map((t) => t.replace(/\s+/g, ''))).toEqual(
      api.denialsByPrimaryReason.map((r) => `${r.reason}${r.count}`),
    );
    await shot('integrity');
  });

  it('charts the events page for its filter', async () => {
    await page.goto(`${auditor.url}/ui/events?decision=deny`);
    const api = await auditor.get<ActivityReport>('/api/reports/activity?decision=deny');
    const counts = await page.locator('#chart-decisions [data-outcome="deny"]').all();
    const drawn = await Promise.all(counts.map((c) => c.getAttribute('data-count')));
    expect(drawn.reduce((n, c) => n + Number(c), 0)).toBe(api.events);
    expect(await page.locator('#chart-decisions [data-outcome="allow"]').count()).toBe(0);
    await shot('events');
  });

  it('shows the record of processing as the API gives it, with its downloads', async () => {
    await page.click('text=Records of processing');
    await page.waitForSelector('#processing-record');
    const api = await auditor.get<ProcessingRecord>('/api/reports/processing-record');
    const rows = page.locator('#processing-record tbody tr');
    expect(await rows.count()).toBe(api.recipients.length);
    const ids = await Promise.all((await rows.all()).map((r) => r.getAttribute('data-recipient')));
    expect(ids).toEqual(api.recipients.map((r) => r.recipientId));
    await shot('processing-record');
    const csv = await page.request.get(
      `${auditor.url}${await page.locator('#csv-link').getAttribute('href')}`,
    );
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(1 + api.recipients.length);
    const xlsx = await page.request.get(
      `${auditor.url}${await page.locator('#xlsx-link').getAttribute('href')}`,
    );
    expect(xlsx.headers()['content-type']).toMatch(/spreadsheetml/);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  });

  it('draws the data map with the API’s flows, each a link to its events', async () => {
    await page.click('text=Data map');
    await page.waitForSelector('svg#data-map');
    const api = await auditor.get<DataMap>('/api/reports/data-map');
    const paths = await page.locator('svg#data-map a.flow path').all();
    const drawn = await Promise.all(
      paths.map(async (p) => [
        await p.getAttribute('data-source'),
        await p.getAttribute('data-target'),
        Number(await p.getAttribute('data-value')),
      ]),
    );
    expect(drawn).toEqual(api.flows.map((f) => [f.source, f.target, f.value]));
    await shot('data-map');
    const smallest = api.flows.reduce((a, b) => (b.value < a.value ? b : a));
    const index = api.flows.indexOf(smallest);
    await page.locator('svg#data-map a.flow').nth(index).click();
    await page.waitForSelector('#events');
    expect(await page.locator('#events tbody tr').count()).toBe(smallest.value);
  });

  it('renders an empty period as such, not as an error', async () => {
    const response = await page.goto(`${auditor.url}/ui/data-map?from=2001-01-01&to=2001-02-01`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#data-map-empty').isVisible()).toBe(true);
    await page.goto(`${auditor.url}/ui/processing-record?from=2001-01-01&to=2001-02-01`);
    expect(await page.locator('#processing-empty').isVisible()).toBe(true);
    await page.goto(`${auditor.url}/ui?from=2001-01-01&to=2001-02-01`);
    expect(await page.locator('#activity-empty').isVisible()).toBe(true);
    await shot('empty-period');
  });
});
