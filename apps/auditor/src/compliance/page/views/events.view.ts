import {
  AUDIT_DECISIONS,
  isUnclassifiedFieldToken,
  UNCLASSIFIED_FIELD_PREFIX,
} from '@app/contracts';
import type { EventSearchPage } from '../../reports/event-search.service';
import { html, queryString, type SafeHtml } from '../html';
import { errorList, layout } from './layout';

/** The event search: a filter form and one page of results with a link to the next. */
export function eventsView(
  query: Record<string, string | undefined>,
  page: EventSearchPage | null,
  errors: readonly string[],
  charts: SafeHtml | string = '',
): string {
  const field = (name: string, label: string, type = 'text') =>
    html`<label
      >${label}<input type="${type}" name="${name}" value="${query[name] ?? ''}"
    /></label>`;
  const next = page?.nextCursor ? queryString({ ...query, cursor: page.nextCursor }) : null;
  return layout(
    'Audit events',
    html`<form method="get" action="/ui/events" class="inline" id="event-search">
        ${field('subjectId', 'Subject')} ${field('recipientId', 'Recipient')}
        <label
          >Decision<select name="decision">
            <option value="">any</option>
            ${AUDIT_DECISIONS.map(
              (d) => html`<option value="${d}" ${query.decision === d && 'selected'}>${d}</option>`,
            )}
          </select></label
        >
        ${field('reasonCode', 'Reason code')} ${field('purpose', 'Purpose')}
        ${field('category', 'Category')} ${field('transferBasis', 'Transfer basis')}
        ${field('from', 'From (UTC)')} ${field('to', 'To (UTC)')}
        <button type="submit">Search</button>
      </form>
      ${errorList(errors)}
      ${
        page &&
        html`<table id="events">
            <thead>
              <tr>
                <th>Decided</th>
                <th>Decision</th>
                <th>Subject</th>
                <th>Recipient</th>
                <th>Purpose</th>
                <th>Reasons</th>
                <th>Fields shared</th>
                <th>Fields withheld</th>
                <th>Partition/seq</th>
                <th>Integrity</th>
              </tr>
            </thead>
            <tbody>
              ${page.items.map(
                ({ event: e, integrityAlerts }) =>
                  html`<tr>
                    <td>${e.decidedAt}</td>
                    <td>${e.decision}</td>
                    <td>${e.subjectId ?? '—'}</td>
                    <td>${e.recipientId ?? '—'}</td>
                    <td>${e.purpose ?? '—'}</td>
                    <td>${e.reasons.map((r) => r.code).join(', ')}</td>
                    <td>${e.fieldsShared.join(', ')}</td>
                    <td>${e.fieldsWithheld.map(withheldField).join(', ')}</td>
                    <td>${e.partition}/${e.seq}</td>
                    <td>${integrityAlerts.length > 0 ? integrityAlerts.join(', ') : 'ok'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${page.items.length === 0 && html`<p class="muted">No matching events.</p>`}
          ${next && html`<p><a href="/ui/events?${next}" id="next-page">Next page</a></p>`}`
      }
      ${charts}`,
  );
}

/**
 * A withheld field as a reviewer reads it: a dictionary name as is; an unclassified name was
 * recorded as a keyed digest (it may hold personal data), shown as such, shortened.
 */
function withheldField(field: string): string {
  if (!isUnclassifiedFieldToken(field)) return field;
  return `unclassified field #${field.slice(UNCLASSIFIED_FIELD_PREFIX.length, UNCLASSIFIED_FIELD_PREFIX.length + 12)}`;
}
