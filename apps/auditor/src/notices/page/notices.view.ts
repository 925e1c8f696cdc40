import { html, queryString, type SafeHtml } from '../../compliance/page/html';
import { errorList, layout } from '../../compliance/page/views/layout';
import type {
  NoticeView,
  OutstandingNoticesReport,
  SubjectNoticesReport,
  UnacceptedAcksReport,
} from '../notices-report.service';

type Query = Record<string, string | undefined>;

/** What the notices page shows; a part is null when it was not asked for or failed. */
export interface NoticesPage {
  query: Query;
  errors: string[];
  subject: SubjectNoticesReport | null;
  outstanding: OutstandingNoticesReport | null;
  unaccepted: UnacceptedAcksReport | null;
}

const answerCell = (n: NoticeView): SafeHtml =>
  n.answer
    ? html`${n.answer.status} <span class="muted">${n.answer.at}</span>${
          n.answer.note ? html`<br />${n.answer.note}` : ''
        }`
    : html`<span class="muted">none</span>`;

const truncatedNote = (truncated: boolean): SafeHtml =>
  truncated ? html`<p class="errors">Only the first rows are shown.</p>` : html``;

function subjectSection(report: SubjectNoticesReport): SafeHtml {
  return html`<h2>Notices about ${report.subjectId}</h2>
    <p>
      ${report.count} notice(s).
      <a href="/ui/notices/subject.csv?${queryString({ subjectId: report.subjectId })}">CSV</a>
    </p>
    ${truncatedNote(report.truncated)}
    <table id="subject-notices">
      <thead>
        <tr>
          <th>Noticed (UTC)</th>
          <th>Recipient</th>
          <th>Kind</th>
          <th>Cause</th>
          <th>Purposes</th>
          <th>Categories</th>
          <th>Answer</th>
          <th>Notice</th>
        </tr>
      </thead>
      <tbody>
        ${report.notices.map(
          (n) =>
            html`<tr>
              <td>${n.noticedAt}</td>
              <td>${n.recipientId}</td>
              <td>${n.kind}</td>
              <td>${n.cause}</td>
              <td>${n.purposes.join(', ')}</td>
              <td>${n.categories.join(', ')}</td>
              <td>${answerCell(n)}</td>
              <td><code>${n.noticeId}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function outstandingSection(report: OutstandingNoticesReport): SafeHtml {
  const csv = `/ui/notices/outstanding.csv?${queryString({ olderThanDays: String(report.olderThanDays) })}`;
  return html`<h2>Outstanding notices older than ${report.olderThanDays} day(s)</h2>
    <p>
      ${report.count} notice(s) sent before ${report.noticedBefore} with no <em>done</em> from their
      recipient. <a href="${csv}" id="csv-link">Download CSV</a>
    </p>
    ${truncatedNote(report.truncated)}
    <table id="outstanding-recipients">
      <thead>
        <tr>
          <th>Recipient</th>
          <th>Outstanding</th>
          <th>Refused</th>
          <th>Oldest</th>
        </tr>
      </thead>
      <tbody>
        ${report.recipients.map(
          (r) =>
            html`<tr>
              <td>${r.recipientId}</td>
              <td>${r.outstanding}</td>
              <td>${r.refused}</td>
              <td>${r.oldestNoticedAt}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <table id="outstanding-notices">
      <thead>
        <tr>
          <th>Recipient</th>
          <th>Subject</th>
          <th>Kind</th>
          <th>Noticed (UTC)</th>
          <th>Age (days)</th>
          <th>Answer</th>
          <th>Notice</th>
        </tr>
      </thead>
      <tbody>
        ${report.notices.map(
          (n) =>
            html`<tr>
              <td>${n.recipientId}</td>
              <td>${n.subjectId}</td>
              <td>${n.kind}</td>
              <td>${n.noticedAt}</td>
              <td>${n.ageDays}</td>
              <td>${answerCell(n)}</td>
              <td><code>${n.noticeId}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function unacceptedSection(report: UnacceptedAcksReport): SafeHtml {
  return html`<h2>Acknowledgements not accepted</h2>
    <p>${report.count} acknowledgement(s) refused or naming no notice of their recipient.</p>
    ${truncatedNote(report.truncated)}
    <table id="unaccepted-acks">
      <thead>
        <tr>
          <th>Received (UTC)</th>
          <th>Recipient</th>
          <th>State</th>
          <th>Reason</th>
          <th>Notice</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        ${report.acks.map(
          (a) =>
            html`<tr>
              <td>${a.receivedAt}</td>
              <td>${a.recipientId}</td>
              <td>${a.state}</td>
              <td>${a.reason}</td>
              <td><code>${a.noticeId ?? '—'}</code></td>
              <td>${a.detail ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** Notices: a subject's, the outstanding ones per recipient, and refused acknowledgements. */
export function noticesView(page: NoticesPage): string {
  const { query } = page;
  return layout(
    'Notices to recipients',
    html`<form method="get" action="/ui/notices" class="inline" id="notices-form">
        <label>Subject<input name="subjectId" value="${query.subjectId ?? ''}" /></label>
        <label
          >Older than (days)<input name="olderThanDays" value="${query.olderThanDays ?? ''}"
        /></label>
        <button type="submit">Show</button>
      </form>
      ${errorList(page.errors)} ${page.subject && subjectSection(page.subject)}
      ${page.outstanding && outstandingSection(page.outstanding)}
      ${page.unaccepted && unacceptedSection(page.unaccepted)}`,
  );
}
