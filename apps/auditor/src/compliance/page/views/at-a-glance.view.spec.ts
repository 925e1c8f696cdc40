import ExcelJS from 'exceljs';
import {
  HTML_NAME,
  writeGlanceFixture,
} from '../../../../../../test/support/auditor/glance-fixtures';
import type { AuditStore } from '../../../store/audit-store';
import { openSqliteStore } from '../../../store/sqlite/open-sqlite-store';
import { ActivityService } from '../../reports/activity.service';
import { DataMapService } from '../../reports/data-map.service';
import { ProcessingRecordService } from '../../reports/processing-record.service';
import { processingRecordXlsx } from '../../reports/processing-record.xlsx';
import { escapeHtml } from '../html';
import { activityCharts } from './charts/activity-charts.view';
import { dataMapView } from './data-map.view';
import { processingRecordView } from './processing-record.view';

const YEAR_2025 = { fromMs: Date.parse('2025-01-01'), toMs: Date.parse('2026-01-01') };
const EMPTY = { fromMs: Date.parse('2020-01-01'), toMs: Date.parse('2020-02-01') };
const SVG = /<svg[\s\S]*?<\/svg>/g;
/** Markup without the layout's whitespace, so that tests look at content, not formatting. */
const flat = (markup: string): string => markup.replace(/\s+/g, ' ').replace(/\s*(<|>)\s*/g, '$1');

describe('the at-a-glance views', () => {
  let store: AuditStore;
  beforeAll(async () => {
    store = openSqliteStore(':memory:');
    await writeGlanceFixture(store);
  });
  afterAll(() => store.close());

  const processing = (period = YEAR_2025) =>
    new ProcessingRecordService(store.query).report(period);
  const dataMap = (period = YEAR_2025) => new DataMapService(store.query).map(period);

  it('shows a recipient name holding HTML as text in the record’s table', async () => {
    const page = flat(processingRecordView({}, await processing(), []));
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>Partners');
    expect(page).not.toContain('<i>Bahnhofstrasse');
    expect(page).toContain(`<td>${escapeHtml(HTML_NAME)}</td>`);
    expect(page).toContain('&lt;i&gt;Bahnhofstrasse 1&lt;/i&gt;, Zürich');
  });

  it('shows it as text in the data map’s SVG and its table of flows', async () => {
    const page = flat(dataMapView({}, await dataMap(), []));
    const svg = page.match(SVG) ?? [];
    expect(svg).toHaveLength(1);
    expect(svg[0]).not.toContain('<img');
    expect(svg[0]).toContain(`${escapeHtml(HTML_NAME)} (1)</text>`);
    expect(page).not.toContain('<img');
    expect(page).toContain(`<td>${escapeHtml(HTML_NAME)} (CH · adequacy)</td>`);
  });

  it('draws one link per flow, each to its events, with its number', async () => {
    const map = await dataMap();
    const svg = flat(dataMapView({}, map, [])).match(SVG)![0];
    const links = [...svg.matchAll(/<a href="([^"]+)" class="flow">[\s\S]*?data-value="(\d+)"/g)];
    expect(links.map((l) => Number(l[2]))).toEqual(map.flows.map((f) => f.value));
    expect(links[0][1]).toMatch(/^\/ui\/events\?decision=allow&amp;from=2025-01-01T00/);
  });

  it('renders an empty state, not an error, for a period without events', async () => {
    expect(processingRecordView({}, await processing(EMPTY), [])).toContain(
      'No shares or denials in this period.',
    );
    expect(dataMapView({}, await dataMap(EMPTY), [])).toContain('No data flowed in this period.');
    const charts = activityCharts(await new ActivityService(store.query).report(EMPTY), 'here');
    expect(charts.text).toContain('id="activity-empty"');
    expect(charts.text).not.toContain('<svg');
  });

  it('draws four charts, each beside a table of its numbers', async () => {
    const report = await new ActivityService(store.query).report(YEAR_2025);
    const text = flat(activityCharts(report, 'here').text);
    expect(report.bucket).toBe('month');
    for (const id of ['chart-decisions', 'chart-denials', 'chart-withheld', 'chart-chain']) {
      expect(text).toContain(`<svg id="${id}"`);
      expect(text).toContain(`id="${id}-table"`);
    }
    const allowed = [...text.matchAll(/data-outcome="allow" data-count="(\d+)"/g)];
    const total = report.decisions.reduce((n, d) => n + d.allow, 0);
    expect(allowed.reduce((n, m) => n + Number(m[1]), 0)).toBe(total);
  });

  it('writes the spreadsheet with text as text, never as a formula', async () => {
    const report = await processing();
    report.recipients[0].name = '=HYPERLINK("http://x","y")';
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await processingRecordXlsx(report)) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Recipients')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Name');
    expect(sheet.getRow(2).getCell(2).value).toBe('=HYPERLINK("http://x","y")');
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.rowCount).toBe(1 + report.recipients.length);
    const evil = sheet.getRow(4);
    expect(evil.getCell(2).value).toBe(HTML_NAME);
    expect(evil.getCell(11).value).toBe(1);
    const transfers = book.getWorksheet('Transfers')!;
    expect(transfers.rowCount).toBe(
      1 + report.recipients.reduce((n, r) => n + r.transfers.length, 0),
    );
  });
});
