import type { DataMap } from '../../reports/data-map.service';
import { html } from '../html';
import { dataMapChart, flowHref } from './charts/data-map.chart';
import { errorList, layout } from './layout';
import { periodForm } from './period-form';

type Query = Record<string, string | undefined>;

/** The data map of a period: the diagram, and every flow in a table with its events. */
export function dataMapView(query: Query, map: DataMap | null, errors: readonly string[]): string {
  return layout(
    'Data map',
    html`${periodForm('/ui/data-map', query)} ${errorList(errors)} ${map && body(map)}`,
  );
}

function body(map: DataMap) {
  if (map.flows.length === 0) {
    return html`<p class="muted empty-state" id="data-map-empty">
      No data flowed in this period.
    </p>`;
  }
  const label = new Map(
    map.nodes.map((n) => [
      n.id,
      n.column === 'recipient' ? `${n.label} (${n.country ?? '?'} · ${n.basis})` : n.label,
    ]),
  );
  return html`<p id="data-map-totals">
      ${map.shares} share(s) from ${map.from ?? 'the first event'} to ${map.to ?? 'now'}. Widths are
      numbers of shares; a share of several categories counts once in each category's flow. Each
      flow links to the events it counts.
    </p>
    <div class="diagram">${dataMapChart('data-map', map)}</div>
    <h2>Flows</h2>
    <table id="data-map-flows">
      <thead>
        <tr>
          <th>From</th>
          <th>To</th>
          <th>Shares</th>
          <th>Events</th>
        </tr>
      </thead>
      <tbody>
        ${map.flows.map(
          (f) =>
            html`<tr>
              <td>${label.get(f.source)}</td>
              <td>${label.get(f.target)}</td>
              <td>${f.value}</td>
              <td><a href="${flowHref(f)}">events</a></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
