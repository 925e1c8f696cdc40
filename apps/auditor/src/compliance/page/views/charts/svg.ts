import { html, type SafeHtml } from '../../html';

/** A number rounded for an SVG attribute. */
export const px = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * An inline SVG image: a title read by screen readers and shown as a tooltip, and a
 * description pointing at the table of numbers beside it. All text goes through `html`, so
 * names from the audit stream stay text.
 */
export function svgImage(
  id: string,
  size: { width: number; height: number },
  title: string,
  body: SafeHtml,
): SafeHtml {
  return html`<svg
    id="${id}"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${size.width} ${size.height}"
    width="${size.width}"
    height="${size.height}"
    role="img"
    aria-labelledby="${id}-title"
  >
    <title id="${id}-title">${title}</title>
    ${body}
  </svg>`;
}

/** Fill patterns that tell series apart without colour: solid, hatched, dotted, cross-hatched. */
export const PATTERNS = ['solid', 'hatch', 'dots', 'cross'] as const;
/** One of {@link PATTERNS}. */
export type PatternName = (typeof PATTERNS)[number];

/** The `<defs>` of the patterns, with ids unique to one chart. */
export function patternDefs(prefix: string): SafeHtml {
  return html`<defs>
    <pattern
      id="${prefix}-hatch"
      width="6"
      height="6"
      patternUnits="userSpaceOnUse"
      patternTransform="rotate(45)"
    >
      <rect width="6" height="6" fill="#fbe9e7" />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#b3261e" stroke-width="3" />
    </pattern>
    <pattern id="${prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">
      <rect width="5" height="5" fill="#eef0f4" />
      <circle cx="2.5" cy="2.5" r="1.4" fill="#3b4252" />
    </pattern>
    <pattern id="${prefix}-cross" width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill="#fff4d6" />
      <path d="M0 0L6 6M6 0L0 6" stroke="#8a5a00" stroke-width="1" />
    </pattern>
  </defs>`;
}

/** The fill of a pattern defined by {@link patternDefs}. */
export function patternFill(prefix: string, name: PatternName): string {
  return name === 'solid' ? '#2f6f4f' : `url(#${prefix}-${name})`;
}

/** A legend swatch and its label. */
export function legendItem(
  prefix: string,
  name: PatternName,
  label: string,
  x: number,
  y: number,
): SafeHtml {
  return html`<g class="legend">
    <rect
      x="${px(x)}"
      y="${px(y)}"
      width="14"
      height="14"
      fill="${patternFill(prefix, name)}"
      stroke="#1d2430"
    />
    <text x="${px(x + 19)}" y="${px(y + 11)}" font-size="12">${label}</text>
  </g>`;
}

/** A chart and its table of numbers side by side, under a heading. */
export function chartFigure(id: string, heading: string, chart: SafeHtml, table: SafeHtml) {
  return html`<figure class="chart" id="${id}-figure">
    <figcaption><h3>${heading}</h3></figcaption>
    <div class="chart-body">${chart}${table}</div>
  </figure>`;
}
