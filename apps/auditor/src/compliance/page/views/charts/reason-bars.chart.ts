import type { ReasonCount } from '../../../reports/activity.service';
import { html, type SafeHtml } from '../../html';
import { chartFigure, patternDefs, patternFill, type PatternName, px, svgImage } from './svg';

const ROW = 24;
const LABEL = 220;
const WIDTH = 560;

/**
 * Counts by reason code as horizontal bars, each labelled with its code and number so that
 * it reads without colour, with the same numbers in a table beside it.
 */
export function reasonBarsChart(
  id: string,
  heading: string,
  counts: readonly ReasonCount[],
  pattern: PatternName,
): SafeHtml {
  if (counts.length === 0) {
    return html`<figure class="chart" id="${id}-figure">
      <figcaption><h3>${heading}</h3></figcaption>
      <p class="muted empty-state">None in this period.</p>
    </figure>`;
  }
  const max = Math.max(...counts.map((c) => c.count));
  const barSpace = WIDTH - LABEL - 50;
  const bars = counts.map((c, i) => {
    const y = 8 + i * ROW;
    const w = Math.max(2, (c.count / max) * barSpace);
    return html`<g class="bar" data-reason="${c.reason}" data-count="${c.count}">
      <title>${c.reason}: ${c.count}</title>
      <text x="${LABEL - 6}" y="${px(y + 15)}" text-anchor="end" font-size="12">${c.reason}</text>
      <rect
        x="${LABEL}"
        y="${px(y + 3)}"
        width="${px(w)}"
        height="${ROW - 8}"
        fill="${patternFill(id, pattern)}"
        stroke="#1d2430"
      />
      <text x="${px(LABEL + w + 6)}" y="${px(y + 15)}" font-size="12">${c.count}</text>
    </g>`;
  });
  const size = { width: WIDTH, height: 16 + counts.length * ROW };
  const chart = svgImage(id, size, heading, html`${patternDefs(id)}${bars}`);
  const table = html`<table class="chart-numbers" id="${id}-table">
    <thead>
      <tr>
        <th>Reason</th>
        <th>Count</th>
      </tr>
    </thead>
    <tbody>
      ${counts.map(
        (c) =>
          html`<tr>
            <td>${c.reason}</td>
            <td>${c.count}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return chartFigure(id, heading, chart, table);
}
