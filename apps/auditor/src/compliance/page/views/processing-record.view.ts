import { PROCESSING_COLUMNS, transferText } from '../../reports/processing-record.columns';
import type { ProcessingRecord } from '../../reports/processing-record.service';
import { html, queryString } from '../html';
import { errorList, layout } from './layout';
import { periodForm } from './period-form';

type Query = Record<string, string | undefined>;

/** Columns the page shows as lists rather than joined text. */
const LISTED = new Set(['purposes', 'categoriesShared', 'transfers']);

/** The record of processing activities for a period, with its CSV and spreadsheet. */
export function processingRecordView(
  query: Query,
  report: ProcessingRecord | null,
  errors: readonly string[],
): string {
  const q = queryString({ from: query.from, to: query.to });
  return layout(
    'Records of processing (GDPR Art. 30(1)(d)–(e))',
    html`${periodForm('/ui/processing-record', query)} ${errorList(errors)}
    ${report && body(report, q)}`,
  );
}

function body(report: ProcessingRecord, q: string) {
  const downloads = html`<p>
    <a href="/ui/reports/processing-record.csv?${q}" id="csv-link">Download CSV</a> ·
    <a href="/ui/reports/processing-record.xlsx?${q}" id="xlsx-link">Download spreadsheet</a> ·
    <a href="/ui/data-map?${q}" id="data-map-link">Data map of this period</a>
  </p>`;
  if (report.recipients.length === 0) {
    return html`<p class="muted empty-state" id="processing-empty">
      No shares or denials in this period.
    </p>`;
  }
  const { totals } = report;
  return html`<p id="processing-totals">
      ${totals.recipients} recipient(s), ${totals.shares} share(s), ${totals.denials} denial(s),
      from ${report.from ?? 'the first event'} to ${report.to ?? 'now'}.
    </p>
    ${downloads}
    <table id="processing-record">
      <thead>
        <tr>
          ${PROCESSING_COLUMNS.map((c) => html`<th>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${report.recipients.map(
          (r) =>
            html`<tr data-recipient="${r.recipientId}">
              ${PROCESSING_COLUMNS.map((c) => {
                if (c.key === 'transfers') {
                  return html`<td>${list(r.transfers.map(transferText))}</td>`;
                }
                if (LISTED.has(c.key)) {
                  return html`<td>${list(String(c.value(r) ?? '').split('; '))}</td>`;
                }
                const value = c.value(r);
                return html`<td>${value === null || value === '' ? '—' : String(value)}</td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>`;
}

const list = (items: readonly string[]) =>
  items.length === 0 || (items.length === 1 && items[0] === '')
    ? html`—`
    : html`<ul class="cell-list">
        ${items.map((i) => html`<li>${i}</li>`)}
      </ul>`;
