import { Inject, Injectable } from '@nestjs/common';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { ShareGroup } from '../../store/store.types';
import type { Period } from '../query/period.dto';
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
 * flow carries the event search that lists exactly the shares it counts. Built from the
 * store's {@link ShareGroup}s, taken in order of their first share as events would be.
 */
@Injectable()
export class DataMapService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async map(period: Period): Promise<DataMap> {
    const groups = (await this.repository.shareGroups({ ...period, decision: 'allow' })).sort(
      (a, b) => a.firstMs - b.firstMs,
    );
    const ids = groups.map((g) => g.recipientId).filter((id): id is string => id !== null);
    const histories = historyById(await this.repository.recipientHistory(ids));
    const base: Record<string, string> = { decision: 'allow' };
    if (period.fromMs !== undefined) base.from = iso(period.fromMs)!;
    if (period.toMs !== undefined) base.to = iso(period.toMs)!;
    const nodes = new Map<string, DataMapNode>();
    const named = new Map<string, number>();
    const flows = new Map<string, DataMapFlow>();
    const flow = (
      source: string,
      target: string,
      count: number,
      events: Record<string, string>,
    ): void => {
      const key = JSON.stringify([source, target]);
      const found = flows.get(key) ?? { source, target, value: 0, events: { ...base, ...events } };
      found.value += count;
      flows.set(key, found);
    };
    for (const group of groups) {
      const purpose = nodeOf(nodes, 'purpose', group.purpose ?? '(none)');
      const byPurpose: Record<string, string> =
        group.purpose === null ? {} : { purpose: group.purpose };
      for (const category of group.categories) {
        flow(nodeOf(nodes, 'category', category).id, purpose.id, group.count, {
          ...byPurpose,
          category,
        });
      }
      const recipient = recipientNode(nodes, named, group, histories);
      const byRecipient: Record<string, string> = { ...byPurpose };
      if (group.recipientId !== null) byRecipient.recipientId = group.recipientId;
      if (group.transfer) byRecipient.transferBasis = group.transfer.basis;
      flow(purpose.id, recipient.id, group.count, byRecipient);
    }
    const sorted = [...nodes.values()].sort(byColumnThenGroup);
    const position = new Map(sorted.map((n, i) => [n.id, i]));
    const at = (id: string) => position.get(id)!;
    return {
      from: iso(period.fromMs),
      to: iso(period.toMs),
      shares: groups.reduce((n, g) => n + g.count, 0),
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

/**
 * A recipient on one basis in one country; named as registered at its latest share (`named`
 * holds, per node, the time of the share its name was taken from).
 */
function recipientNode(
  nodes: Map<string, DataMapNode>,
  named: Map<string, number>,
  group: ShareGroup,
  histories: ReturnType<typeof historyById>,
): DataMapNode {
  const recipientId = group.recipientId ?? '(none)';
  // A group lies within one registration period, so its first share stands for all.
  const registration = registrationAt(recipientId, histories.get(recipientId) ?? [], group.firstMs);
  const country = group.transfer?.country ?? registration.country;
  const basis = group.transfer?.basis ?? 'unrecorded';
  const node = nodeOf(nodes, 'recipient', registration.name ?? recipientId, {
    id: JSON.stringify([recipientId, country, basis]),
    country,
    basis,
  });
  if (registration.name !== null && group.lastMs >= (named.get(node.id) ?? -Infinity)) {
    node.label = registration.name;
    named.set(node.id, group.lastMs);
  }
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
