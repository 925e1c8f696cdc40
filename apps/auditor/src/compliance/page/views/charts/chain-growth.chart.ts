import type { ChainGrowth } from '../../../reports/activity.service';
import { html } from '../../html';
import { chartFigure, px, svgImage } from './svg';

const DASHES = ['', '7 4', '2 3', '9 3 2 3', '4 4', '1 2'];
const SIZE = { width: 640, height: 250 };
const PLOT = { left: 52, top: 16, right: 570, bottom: 210 };

/**
 * Each partition's chain length over time as a line, told apart by dash pattern and a label
 * at its end (not by colour), with the numbers in a table.
 */
export function chainGrowthChart(
  id: string,
  heading: string,
  buckets: readonly string[],
  series: readonly ChainGrowth[],
) {
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.length)));
  const step = (PLOT.right - PLOT.left) / Math.max(1, buckets.length - 1);
  const x = (bucket: string) => PLOT.left + buckets.indexOf(bucket) * step;
  const y = (n: number) => PLOT.bottom - (n / max) * (PLOT.bottom - PLOT.top);
  const lines = series.map((s, i) => {
    const d = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${px(x(p.bucket))} ${px(y(p.length))}`);
    const end = s.points.at(-1);
    return html`<g data-partition="${s.partition}">
      <path
        d="${d.join(' ')}"
        fill="none"
        stroke="#1d2430"
        stroke-width="2"
        stroke-dasharray="${DASHES[i % DASHES.length]}"
      />
      ${s.points.map(
        (p) =>
          html`<circle cx="${px(x(p.bucket))}" cy="${px(y(p.length))}" r="2.5" fill="#1d2430"
            ><title>partition ${s.partition}, ${p.bucket}: ${p.length}</title></circle
          >`,
      )}
      ${
        end &&
        html`<text x="${px(x(end.bucket) + 6)}" y="${px(y(end.length) + 4)}" font-size="11"
          >p${s.partition}: ${end.length}</text
        >`
      }
    </g>`;
  });
  const every = Math.ceil(buckets.length / 6);
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
    )}
    ${buckets.map(
      (b, i) =>
        i % every === 0 &&
        html`<text x="${px(x(b))}" y="${PLOT.bottom + 16}" text-anchor="middle" font-size="10"
          >${b}</text
        >`,
    )}`;
  const chart = svgImage(id, SIZE, heading, html`${axis}${lines}`);
  const rows = buckets.filter((b) => series.some((s) => s.points.some((p) => p.bucket === b)));
  const lengthAt = (s: ChainGrowth, b: string) => s.points.find((p) => p.bucket === b)?.length;
  const table = html`<table class="chart-numbers" id="${id}-table">
    <thead>
      <tr>
        <th>Period</th>
        ${series.map((s) => html`<th>p${s.partition}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (b) =>
          html`<tr>
            <td>${b}</td>
            ${series.map((s) => html`<td>${lengthAt(s, b) ?? '—'}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
  return chartFigure(id, heading, chart, table);
}
