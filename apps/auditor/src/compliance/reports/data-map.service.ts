import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent } from '@app/contracts';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { Period } from '../query/report-query';
import { allEvents } from './all-events';
import { historyById, registrationAt } from './registration';

/** A column of the data map, left to right. */
export type DataMapColumn = 'category' | 'purpose' | 'recipient';

/** A node: a category, a purpose, or a recipient receiving on one basis in one country. */
export interface DataMapNode {
  id: string;
  column: DataMapColumn;
  label: string;
  /** Recipients only: where the data went and on which basis. */
  country: string | null;
  basis: string | null;
}

/** A flow between two nodes: how many shares, and the event search that lists them. */
export interface DataMapFlow {
  source: string;
  target: string;
  value: number;
  /** Parameters of `GET /api/events` (and `/ui/events`) that find exactly these shares. */
  events: Record<string, string>;
}

/**
 * The data map of a period: categories → purposes → recipients, by volume of shares. Nodes are
 * in drawing order; flows by source, then target.
 */
export interface DataMap {
  from: string | null;
  to: string | null;
  truncated: boolean;
  /** Allowed shares in the period: the sum of the purpose → recipient flows. */
  shares: number;
  nodes: DataMapNode[];
  flows: DataMapFlow[];
}

const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();

/**
 * Where the data went, drawn from allowed shares: one flow per category and purpose (a share
 * carrying two categories counts in both), one per purpose and recipient-on-a-basis. Each
 * flow carries the event search that lists exactly the shares it counts.
 */
@Injectable()
export class DataMapService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async map(period: Period): Promise<DataMap> {
    const { events, truncated } = await allEvents(this.repository, {
      ...period,
      decision: 'allow',
    });
    const shares = events.map((s) => s.event);
    const ids = shares.map((e) => e.recipientId).filter((id): id is string => id !== null);
    const histories = historyById(await this.repository.recipientHistory(ids));
    const base: Record<string, string> = { decision: 'allow' };
    if (period.fromMs !== undefined) base.from = iso(period.fromMs)!;
    if (period.toMs !== undefined) base.to = iso(period.toMs)!;
    const nodes = new Map<string, DataMapNode>();
    const flows = new Map<string, DataMapFlow>();
    const flow = (source: string, target: string, events: Record<string, string>): void => {
      const key = JSON.stringify([source, target]);
      const found = flows.get(key) ?? { source, target, value: 0, events: { ...base, ...events } };
      found.value += 1;
      flows.set(key, found);
    };
    for (const share of shares) {
      const purpose = nodeOf(nodes, 'purpose', share.purpose ?? '(none)');
      const byPurpose: Record<string, string> =
        share.purpose === null ? {} : { purpose: share.purpose };
      for (const category of share.categoriesShared) {
        flow(nodeOf(nodes, 'category', category).id, purpose.id, { ...byPurpose, category });
      }
      const recipient = recipientNode(nodes, share, histories);
      const byRecipient: Record<string, string> = { ...byPurpose };
      if (share.recipientId !== null) byRecipient.recipientId = share.recipientId;
      if (share.transferMechanism) byRecipient.transferBasis = share.transferMechanism.basis;
      flow(purpose.id, recipient.id, byRecipient);
    }
    const sorted = [...nodes.values()].sort(byColumnThenGroup);
    const position = new Map(sorted.map((n, i) => [n.id, i]));
    const at = (id: string) => position.get(id)!;
    return {
      from: iso(period.fromMs),
      to: iso(period.toMs),
      truncated,
      shares: shares.length,
      nodes: sorted,
      flows: [...flows.values()].sort(
        (a, b) => at(a.source) - at(b.source) || at(a.target) - at(b.target),
      ),
    };
  }
}

function nodeOf(
  nodes: Map<string, DataMapNode>,
  column: DataMapColumn,
  label: string,
  extra: Partial<DataMapNode> = {},
): DataMapNode {
  const id = `${column}:${extra.id ?? label}`;
  const node = nodes.get(id) ?? { column, label, country: null, basis: null, ...extra, id };
  nodes.set(id, node);
  return node;
}

/** A recipient on one basis in one country; named as registered at its latest share. */
function recipientNode(
  nodes: Map<string, DataMapNode>,
  share: AuditEvent,
  histories: ReturnType<typeof historyById>,
): DataMapNode {
  const recipientId = share.recipientId ?? '(none)';
  const registration = registrationAt(
    recipientId,
    histories.get(recipientId) ?? [],
    Date.parse(share.decidedAt),
  );
  const country = share.transferMechanism?.country ?? registration.country;
  const basis = share.transferMechanism?.basis ?? 'unrecorded';
  const node = nodeOf(nodes, 'recipient', registration.name ?? recipientId, {
    id: JSON.stringify([recipientId, country, basis]),
    country,
    basis,
  });
  if (registration.name !== null) node.label = registration.name;
  return node;
}

const ORDER: Record<DataMapColumn, number> = { category: 0, purpose: 1, recipient: 2 };

/** Columns left to right; recipients grouped by country, then basis, then name. */
function byColumnThenGroup(a: DataMapNode, b: DataMapNode): number {
  const ka = [ORDER[a.column], a.country ?? '', a.basis ?? '', a.label, a.id];
  const kb = [ORDER[b.column], b.country ?? '', b.basis ?? '', b.label, b.id];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  return 0;
}
