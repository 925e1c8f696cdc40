import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import type { DataMap, DataMapFlow, DataMapNode } from '../../../reports/data-map.service';
import { html, queryString, type SafeHtml } from '../../html';
import { px, svgImage } from './svg';

type Node = SankeyNode<DataMapNode, DataMapFlow>;
type Link = SankeyLink<DataMapNode, DataMapFlow>;

const WIDTH = 1140;
const LAYOUT = { left: 190, right: 740 };
const COLUMN = { category: 0, purpose: 1, recipient: 2 } as const;
const GROUP_X = LAYOUT.right + 250;
const HEADINGS = ['Categories shared', 'Purposes', 'Recipients', 'Country · basis'];

/** The events page that lists a flow's shares. */
export const flowHref = (flow: DataMapFlow): string => `/ui/events?${queryString(flow.events)}`;

/**
 * The data map as a Sankey diagram laid out by d3-sankey: link widths are share counts, every
 * link is a plain link to its events, recipients are grouped by country and basis with the
 * group named to their right. Nodes keep the service's order (recipients by group).
 */
export function dataMapChart(id: string, map: DataMap): SafeHtml {
  const perColumn = [0, 1, 2].map((c) => map.nodes.filter((n) => COLUMN[n.column] === c).length);
  const height = Math.max(240, Math.max(...perColumn) * 34 + 60);
  const order = new Map(map.nodes.map((n, i) => [n.id, i]));
  const graph = sankey<DataMapNode, DataMapFlow>()
    .nodeId((n) => n.id)
    .nodeAlign((n) => COLUMN[n.column])
    .nodeSort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .nodeWidth(14)
    .nodePadding(14)
    .extent([
      [LAYOUT.left, 40],
      [LAYOUT.right, height - 10],
    ])({
    nodes: map.nodes.map((n) => ({ ...n })),
    links: map.flows.map((f) => ({ ...f })),
  });
  const path = sankeyLinkHorizontal<DataMapNode, DataMapFlow>();
  const headings = HEADINGS.map(
    (h, i) =>
      html`<text
        x="${px(headingX(i))}"
        y="20"
        font-size="13"
        font-weight="600"
        text-anchor="${i === 0 ? 'end' : 'start'}"
        >${h}</text
      >`,
  );
  const body = html`${headings}
    <g class="flows">${graph.links.map(linkSvg(path))}</g>
    <g class="nodes">${graph.nodes.map(nodeSvg)}</g>
    <g class="groups">${groupsSvg(graph.nodes)}</g>`;
  return svgImage(
    id,
    { width: WIDTH, height },
    'Data map: categories → purposes → recipients',
    body,
  );
}

function headingX(column: number): number {
  const middle = (LAYOUT.left + LAYOUT.right) / 2 - 7;
  return [LAYOUT.left - 6, middle, LAYOUT.right - 14, GROUP_X][column];
}

const nameOf = (node: DataMapNode | string | number): string =>
  typeof node === 'object' ? node.label : String(node);

function linkSvg(path: ReturnType<typeof sankeyLinkHorizontal<DataMapNode, DataMapFlow>>) {
  return (link: Link): SafeHtml => {
    const source = link.source as Node;
    const target = link.target as Node;
    const what = `${nameOf(source)} → ${nameOf(target)}: ${link.value} share(s)`;
    return html`<a href="${flowHref(link)}" class="flow">
      <path
        d="${path(link) ?? ''}"
        fill="none"
        stroke="#5b6b85"
        stroke-opacity="0.35"
        stroke-width="${px(Math.max(1, link.width ?? 1))}"
        data-source="${source.id}"
        data-target="${target.id}"
        data-value="${link.value}"
        ><title>${what}</title></path
      >
    </a>`;
  };
}

function nodeSvg(node: Node): SafeHtml {
  const [x0, x1, y0, y1] = [node.x0 ?? 0, node.x1 ?? 0, node.y0 ?? 0, node.y1 ?? 0];
  const left = node.column === 'category';
  const label = html`<text
    x="${px(left ? x0 - 6 : x1 + 6)}"
    y="${px((y0 + y1) / 2 + 4)}"
    font-size="12"
    text-anchor="${left ? 'end' : 'start'}"
    >${node.label} (${node.value})</text
  >`;
  return html`<g class="node" data-node="${node.id}" data-value="${node.value ?? 0}">
    <rect
      x="${px(x0)}"
      y="${px(y0)}"
      width="${px(x1 - x0)}"
      height="${px(Math.max(1, y1 - y0))}"
      fill="#1d2430"
      ><title>${node.label}: ${node.value ?? 0}</title></rect
    >
    ${label}
  </g>`;
}

/** A bracket and a label to the right of each run of recipients with one country and basis. */
function groupsSvg(nodes: readonly Node[]): SafeHtml[] {
  const groups = new Map<string, { label: string; y0: number; y1: number }>();
  for (const n of nodes.filter((n) => n.column === 'recipient')) {
    const label = `${n.country ?? 'country unknown'} · ${n.basis ?? 'unrecorded'}`;
    const g = groups.get(label) ?? { label, y0: Infinity, y1: -Infinity };
    g.y0 = Math.min(g.y0, n.y0 ?? 0);
    g.y1 = Math.max(g.y1, n.y1 ?? 0);
    groups.set(label, g);
  }
  const x = GROUP_X;
  return [...groups.values()].map(
    (g) =>
      html`<g class="group" data-group="${g.label}">
        <path d="M${x} ${px(g.y0)}h6V${px(g.y1)}h-6" fill="none" stroke="#1d2430" />
        <text x="${x + 12}" y="${px((g.y0 + g.y1) / 2 + 4)}" font-size="12">${g.label}</text>
      </g>`,
  );
}
