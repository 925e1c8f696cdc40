import type { IntegrityReport } from '../../reports/integrity.service';
import { html, type SafeHtml } from '../html';
import { layout } from './layout';

/** The landing page: each partition green or red at a glance, open alerts below. */
export function integrityView(
  report: IntegrityReport,
  witness: SafeHtml | string = '',
  charts: SafeHtml | string = '',
): string {
  const alerts = report.partitions.flatMap((p) => p.openAlerts);
  return layout(
    'Integrity of the audit stream',
    html`<p>
        Overall:
        <span class="status status-${report.status}" id="overall-status"
          >${report.status === 'green' ? 'intact' : 'ALERT'}</span
        >
      </p>
      <table id="partitions">
        <thead>
          <tr>
            <th>Partition</th>
            <th>Status</th>
            <th>Events verified</th>
            <th>Records read</th>
            <th>Last verified seq</th>
            <th>Last verified hash</th>
            <th>Open alerts</th>
          </tr>
        </thead>
        <tbody>
          ${report.partitions.map(
            (p) =>
              html`<tr data-partition="${p.partition}" data-status="${p.status}">
                <td>${p.partition}</td>
                <td><span class="status status-${p.status}">${p.status}</span></td>
                <td>${p.eventsVerified}</td>
                <td>${p.recordsRead}</td>
                <td>${p.lastVerifiedSeq ?? '—'}</td>
                <td><code>${p.lastVerifiedHash ?? '—'}</code></td>
                <td>${p.openAlerts.length}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Open alerts</h2>
      ${
        alerts.length === 0
          ? html`<p class="muted">None.</p>`
          : html`<table id="alerts">
              <thead>
                <tr>
                  <th>Partition</th>
                  <th>Seq</th>
                  <th>Offset</th>
                  <th>Kind</th>
                  <th>Detail</th>
                  <th>Detected</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${alerts.map(
                  (a) =>
                    html`<tr>
                      <td>${a.partition}</td>
                      <td>${a.seq}</td>
                      <td>${a.offset ?? '—'}</td>
                      <td>${a.kind}</td>
                      <td>${a.detail}</td>
                      <td>${a.detectedAt}</td>
                      <td>
                        <form method="post" action="/ui/alerts/${a.id}/acknowledge" class="inline">
                          <input name="note" placeholder="note" maxlength="500" />
                          <button type="submit">Acknowledge</button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${witness} ${charts}`,
  );
}
