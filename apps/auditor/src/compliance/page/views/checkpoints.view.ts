import type { CosignedHead, StoredCheckpointAlert } from '../../../witness/witness.repository';
import { html, type SafeHtml } from '../html';

/** The witness's part of the landing page: latest cosigned tree size per partition, alerts. */
export function checkpointsSection(
  heads: readonly CosignedHead[],
  alerts: readonly StoredCheckpointAlert[],
): SafeHtml {
  return html`<h2>Signed checkpoints (witness)</h2>
    ${
      heads.length === 0
        ? html`<p class="muted">No checkpoint cosigned yet.</p>`
        : html`<table id="checkpoints">
            <thead>
              <tr>
                <th>Partition</th>
                <th>Latest cosigned size</th>
                <th>Root hash</th>
                <th>Cosigned at</th>
              </tr>
            </thead>
            <tbody>
              ${heads.map(
                (h) =>
                  html`<tr data-partition="${h.partition}">
                    <td>${h.partition}</td>
                    <td>${h.size}</td>
                    <td><code>${h.rootHash.toString('base64')}</code></td>
                    <td>${h.cosignedAt}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${
      alerts.length === 0
        ? ''
        : html`<table id="checkpoint-alerts">
            <thead>
              <tr>
                <th>Partition</th>
                <th>Signed size</th>
                <th>Kind</th>
                <th>Detail</th>
                <th>Detected</th>
              </tr>
            </thead>
            <tbody>
              ${alerts.map(
                (a) =>
                  html`<tr>
                    <td>${a.partition}</td>
                    <td>${a.size}</td>
                    <td>${a.kind}</td>
                    <td>${a.detail}</td>
                    <td>${a.detectedAt}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
