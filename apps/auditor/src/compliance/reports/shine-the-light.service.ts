import { Inject, Injectable } from '@nestjs/common';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { ShineTheLightQuery } from '../query/shine-the-light.dto';
import { allEvents } from './all-events';
import type { RecipientVersion, StoredEvent } from '../../store/store.types';
import { historyById, registrationAt } from './registration';

/** A business that received the subject's information for its own direct marketing. */
export interface MarketingBusiness {
  recipientId: string;
  /** Name and address as registered when the information was shared. */
  name: string | null;
  address: string | null;
  categories: string[];
  shares: number;
}

/** The California "Shine the Light" disclosure for one subject and one calendar year. */
export interface ShineTheLightReport {
  subjectId: string;
  year: number;
  period: { from: string; to: string };
  /** Every category of personal information shared for direct marketing that year. */
  categories: string[];
  businesses: MarketingBusiness[];
  shares: number;
}

/**
 * California Civil Code §1798.83 as the policy words it: the categories of information shared
 * with other businesses for their own direct marketing during one calendar year (UTC), and
 * those businesses' names and addresses. Only allowed shares the gateway marked
 * `directMarketing` count; a recipient whose registration changed in the year is listed once
 * per name and address it had when it received data.
 */
@Injectable()
export class ShineTheLightService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async report({ subjectId, year }: ShineTheLightQuery): Promise<ShineTheLightReport> {
    const fromMs = Date.UTC(year, 0, 1);
    const toMs = Date.UTC(year + 1, 0, 1);
    const { events } = await allEvents(this.repository, {
      subjectId,
      decision: 'allow',
      directMarketing: true,
      fromMs,
      toMs,
    });
    const ids = events.map((e) => e.event.recipientId).filter((id): id is string => id !== null);
    const histories = historyById(await this.repository.recipientHistory(ids));
    const list = businessesOf(events, histories);
    return {
      subjectId,
      year,
      period: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      categories: [...new Set(list.flatMap((b) => b.categories))].sort(),
      businesses: list,
      shares: events.length,
    };
  }
}

/** The businesses that received the events' data, by name and address as registered then. */
function businessesOf(
  events: readonly StoredEvent[],
  histories: Map<string, RecipientVersion[]>,
): MarketingBusiness[] {
  const businesses = new Map<string, MarketingBusiness & { set: Set<string> }>();
  for (const { event } of events) {
    const id = event.recipientId ?? '';
    const registration = registrationAt(id, histories.get(id) ?? [], Date.parse(event.decidedAt));
    const key = JSON.stringify([id, registration.name, registration.address]);
    const entry = businesses.get(key) ?? {
      recipientId: id,
      name: registration.name,
      address: registration.address,
      categories: [],
      shares: 0,
      set: new Set<string>(),
    };
    event.categoriesShared.forEach((c) => entry.set.add(c));
    entry.shares++;
    businesses.set(key, entry);
  }
  return [...businesses.values()]
    .map(({ set, ...business }) => ({ ...business, categories: [...set].sort() }))
    .sort((a, b) => (a.name ?? a.recipientId).localeCompare(b.name ?? b.recipientId));
}
