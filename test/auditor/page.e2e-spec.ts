// The reviewers' page in headless Chromium (Debian's package, driven by playwright-core):
// log in with the token, find a subject's disclosures, download them as CSV, and see a
// partition turn red after the audit topic is tampered with. Screenshots go to
// test-artifacts/ (git-ignored) for a human to look at.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chainOf, eventBody, recipientRecord, wire } from '../support/auditor/audit-events';
import { createAuditorTopics, produceRecords } from '../support/auditor/audit-topics';
import {
  type RunningAuditor,
  STORES,
  startAuditor,
  waitForRecords,
} from '../support/auditor/auditor-process';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SUBJECT = 'learner-page';

describe.each(STORES)('the reviewers’ page (%s store)', (store) => {
  const kafka = testKafka('auditor-page');
  const prefix = `${uniqueName('page')}.`;
  let auditor: RunningAuditor;
  let browser: Browser;
  let page: Page;
  let auditTopic: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const topics = await createAuditorTopics(kafka, prefix, 2);
    auditTopic = topics.audit;
    const recipient = recipientRecord();
    await produceRecords(kafka, topics.recipients, [
      {
        partition: 0,
        key: recipient.recipientId,
        value: JSON.stringify(recipient),
        timestamp: Date.parse('2025-01-01'),
      },
    ]);
    const events = [0, 1].map((p) =>
      chainOf(p, [
        eventBody({ subjectId: SUBJECT, decidedAt: `2026-02-0${p + 1}T10:00:00.000Z` }),
        eventBody({ subjectId: 'someone-else', decision: 'deny' }),
      ]),
    );
    await produceRecords(
      kafka,
      topics.audit,
      events.flatMap((chain, partition) => chain.map((e) => ({ partition, value: wire(e) }))),
    );
    auditor = await startAuditor({ prefix, store });
    await waitForRecords(auditor, [2, 2]);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await auditor?.close('SIGTERM');
  });

  it('asks for the token, refuses a wrong one, and lets the right one in', async () => {
    const first = await page.goto(`${auditor.url}/ui`);
    expect(first?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await page.fill('#token', 'not-the-token-at-all');
    await page.click('#login');
    expect(await page.locator('#login-error').isVisible()).toBe(true);
    await page.fill('#token', auditor.token);
    await page.click('#login');
    await page.waitForSelector('#partitions');
    expect(await page.locator('#overall-status').textContent()).toBe('intact');
    const statuses = await Promise.all(
      (await page.locator('#partitions tbody tr').all()).map((row) =>
        row.getAttribute('data-status'),
      ),
    );
    expect(statuses).toEqual(['green', 'green']);
    await page.screenshot({ path: join(ARTIFACTS, 'auditor-page-integrity.png'), fullPage: true });
  });

  it('finds a subject’s disclosures and downloads them as CSV', async () => {
    await page.click('text=Disclosures');
    await page.fill('#disclosures-form input[name="subjectId"]', SUBJECT);
    await page.click('#disclosures-form button');
    const rows = page.locator('#disclosures tbody tr');
    await waitFor(async () => (await rows.count()) === 2, { what: 'two disclosure rows' });
    const text = await rows.first().textContent();
    expect(text).toContain('2026-02-01T10:00:00.000Z');
    expect(text).toContain('Stanford University');
    expect(text).toContain('450 Serra Mall');
    expect(text).toContain('course_administration');
    await page.screenshot({
      path: join(ARTIFACTS, 'auditor-page-disclosures.png'),
      fullPage: true,
    });
    const href = await page.locator('#csv-link').getAttribute('href');
    const csv = await page.request.get(`${auditor.url}${href}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[1]).toMatch(
      /^2026-02-01T10:00:00.000Z,univ-stanford,Stanford University,/,
    );
  });

  it('shows a partition red after the audit topic is tampered with', async () => {
    await produceRecords(kafka, auditTopic, [{ partition: 1, value: 'garbage bytes' }]);
    await waitFor(
      async () => {
        await page.goto(`${auditor.url}/ui`);
        return (await page.locator('tr[data-partition="1"]').getAttribute('data-status')) === 'red';
      },
      { what: 'partition 1 to turn red', intervalMs: 250 },
    );
    expect(await page.locator('tr[data-partition="0"]').getAttribute('data-status')).toBe('green');
    expect(await page.locator('#overall-status').textContent()).toBe('ALERT');
    expect(await page.locator('#alerts tbody tr').first().textContent()).toContain('unparseable');
    await page.screenshot({ path: join(ARTIFACTS, 'auditor-page-tampered.png'), fullPage: true });
  });

  it('acknowledges the alert: the partition is green again, the alert stays on record', async () => {
    await page.fill('#alerts input[name="note"]', 'garbage injected by the page test');
    await page.click('#alerts button');
    await page.waitForSelector('#partitions');
    expect(await page.locator('tr[data-partition="1"]').getAttribute('data-status')).toBe('green');
    const all = await auditor.get<{ acknowledgementNote: string }[]>(
      '/api/integrity/alerts?state=all',
    );
    expect(all).toEqual([
      expect.objectContaining({
        kind: 'unparseable',
        acknowledgementNote: 'garbage injected by the page test',
      }),
    ]);
  });
});
