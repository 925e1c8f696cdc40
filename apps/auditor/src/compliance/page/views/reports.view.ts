import type { DisclosureReport } from '../../reports/disclosures.service';
import type { RecipientsReport } from '../../reports/recipients-report.service';
import type { ShineTheLightReport } from '../../reports/shine-the-light.service';
import { html, queryString, type SafeHtml } from '../html';
import { errorList, layout } from './layout';

type Query = Record<string, string | undefined>;

const input = (query: Query, name: string, label: string) =>
  html`<label>${label}<input name="${name}" value="${query[name] ?? ''}" /></label>`;

const csvLink = (path: string, query: Query): SafeHtml =>
  html`<p>
    <a href="/ui/reports/${path}.csv?${queryString(query)}" id="csv-link">Download CSV</a>
  </p>`;

/** A subject's disclosures. */
export function disclosuresView(query: Query, report: DisclosureReport | null, errors: string[]) {
  return layout(
    'Disclosures of a subject',
    html`<form method="get" action="/ui/disclosures" class="inline" id="disclosures-form">
        ${input(query, 'subjectId', 'Subject')} ${input(query, 'from', 'From (UTC)')}
        ${input(query, 'to', 'To (UTC)')}<button type="submit">Show</button>
      </form>
      ${errorList(errors)}
      ${
        report &&
        html`<p>${report.count} disclosure(s) of <strong>${report.subjectId}</strong>.</p>
          ${csvLink('disclosures', query)}
          <table id="disclosures">
            <thead>
              <tr>
                <th>Date</th>
                <th>Recipient</th>
                <th>Address</th>
                <th>Purpose</th>
                <th>Categories</th>
                <th>Fields</th>
                <th>Transfer basis</th>
                <th>Policy</th>
                <th>Integrity</th>
              </tr>
            </thead>
            <tbody>
              ${report.disclosures.map(
                (d) =>
                  html`<tr>
                    <td>${d.date}</td>
                    <td>
                      ${d.recipient.name ?? d.recipient.recipientId}${
                        !d.recipient.inForceThen &&
                        html` <span class="muted">(registration then unknown)</span>`
                      }
                    </td>
                    <td>${d.recipient.address ?? '—'}</td>
                    <td>${d.purpose}</td>
                    <td>${d.categoriesShared.join(', ')}</td>
                    <td>${d.fieldsShared.join(', ')}</td>
                    <td>${d.transferMechanism?.basis ?? '—'} ${d.transferMechanism?.reference}</td>
                    <td>${d.policyVersion}</td>
                    <td>${d.integrityAlerts.length > 0 ? d.integrityAlerts.join(', ') : 'ok'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
      }`,
  );
}

/** California Shine the Light for a subject and year. */
export function shineTheLightView(
  query: Query,
  report: ShineTheLightReport | null,
  errors: string[],
) {
  return layout(
    'California Shine the Light',
    html`<form method="get" action="/ui/shine-the-light" class="inline">
        ${input(query, 'subjectId', 'Subject')} ${input(query, 'year', 'Year of sharing')}
        <button type="submit">Show</button>
      </form>
      ${errorList(errors)}
      ${
        report &&
        html`<p>
            Categories shared for direct marketing in ${report.year}:
            <strong>${report.categories.join(', ') || 'none'}</strong>
          </p>
          ${csvLink('shine-the-light', query)}
          <table id="businesses">
            <thead>
              <tr>
                <th>Business</th>
                <th>Address</th>
                <th>Categories</th>
                <th>Shares</th>
              </tr>
            </thead>
            <tbody>
              ${report.businesses.map(
                (b) =>
                  html`<tr>
                    <td>${b.name ?? b.recipientId}</td>
                    <td>${b.address ?? '—'}</td>
                    <td>${b.categories.join(', ')}</td>
                    <td>${b.shares}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
      }`,
  );
}

/** Shares and denials per recipient and purpose. */
export function recipientsView(query: Query, report: RecipientsReport | null, errors: string[]) {
  return layout(
    'Recipients',
    html`<form method="get" action="/ui/recipients" class="inline">
        ${input(query, 'from', 'From (UTC)')} ${input(query, 'to', 'To (UTC)')}
        <button type="submit">Show</button>
      </form>
      ${errorList(errors)}
      ${
        report &&
        html`${csvLink('recipients', query)}
          <table id="recipients">
            <thead>
              <tr>
                <th>Recipient</th>
                <th>Name</th>
                <th>Purpose</th>
                <th>Shares</th>
                <th>Denials</th>
                <th>Rejections</th>
              </tr>
            </thead>
            <tbody>
              ${report.rows.map(
                (r) =>
                  html`<tr>
                    <td>${r.recipientId ?? '—'}</td>
                    <td>${r.name ?? '—'}</td>
                    <td>${r.purpose ?? '—'}</td>
                    <td>${r.shares}</td>
                    <td>${r.denials}</td>
                    <td>${r.rejections}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
      }`,
  );
}
