import type { DecisionBucket } from '../../../reports/activity.service';
import { html } from '../../html';
import {
  chartFigure,
  legendItem,
  patternDefs,
  patternFill,
  type PatternName,
  px,
  svgImage,
} from './svg';

const OUTCOMES: readonly { key: 'allow' | 'deny' | 'reject'; label: string; p: PatternName }[] = [
  { key: 'allow', label: 'allowed', p: 'solid' },
  { key: 'deny', label: 'denied', p: 'hatch' },
  { key: 'reject', label: 'rejected', p: 'dots' },
];
const SIZE = { width: 640, height: 250 };
const PLOT = { left: 44, top: 30, right: 630, bottom: 210 };

/** Decisions per day (or month) as stacked bars, one pattern per outcome, with its table. */
export function decisionsChart(id: string, heading: string, rows: readonly DecisionBucket[]) {
  const total = (r: DecisionBucket) => r.allow + r.deny + r.reject;
  const max = Math.max(1, ...rows.map(total));
  const band = (PLOT.right - PLOT.left) / Math.max(1, rows.length);
  const y = (n: number) => PLOT.bottom - (n / max) * (PLOT.bottom - PLOT.top);
  const every = Math.ceil(rows.length / 6);
  const bars = rows.map((r, i) => {
    const x = PLOT.left + i * band + band * 0.1;
    let base = 0;
    const stack = OUTCOMES.filter((o) => r[o.key] > 0).map((o) => {
      const top = base + r[o.key];
      const rect = html`<rect
        x="${px(x)}"
        y="${px(y(top))}"
        width="${px(band * 0.8)}"
        height="${px(y(base) - y(top))}"
        fill="${patternFill(id, o.p)}"
        stroke="#1d2430"
        data-outcome="${o.key}"
        data-count="${r[o.key]}"
        ><title>${r.bucket} ${o.label}: ${r[o.key]}</title></rect
      >`;
      base = top;
      return rect;
    });
    const label =
      i % every === 0 &&
      html`<text
        x="${px(x + band * 0.4)}"
        y="${PLOT.bottom + 16}"
        text-anchor="middle"
        font-size="10"
        >${r.bucket}</text
      >`;
    return html`<g data-bucket="${r.bucket}">${stack}${label}</g>`;
  });
  const axis = html`<line
      x1="${PLOT.left}"
      y1="${PLOT.bottom}"
      x2="${PLOT.right}"
      y2="${PLOT.bottom}"
      stroke="#1d2430"
    />
    ${[0, Math.round(max / 2), max].map(
      (t) =>
        html`<text x="${PLOT.left - 6}" y="${px(y(t) + 4)}" text-anchor="end" font-size="10"
          >${t}</text
        >`,
    )}`;
  const legend = OUTCOMES.map((o, i) => legendItem(id, o.p, o.label, PLOT.left + i * 110, 6));
  const chart = svgImage(id, SIZE, heading, html`${patternDefs(id)}${axis}${bars}${legend}`);
  // The table lists periods with decisions only; the chart shows the empty ones as gaps.
  const table = html`<table class="chart-numbers" id="${id}-table">
    <thead>
      <tr>
        <th>Period</th>
        ${OUTCOMES.map((o) => html`<th>${o.label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows
        .filter((r) => total(r) > 0)
        .map(
          (r) =>
            html`<tr>
              <td>${r.bucket}</td>
              ${OUTCOMES.map((o) => html`<td>${r[o.key]}</td>`)}
            </tr>`,
        )}
    </tbody>
  </table>`;
  return chartFigure(id, heading, chart, table);
}
