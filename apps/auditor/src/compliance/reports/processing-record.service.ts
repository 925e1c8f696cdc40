import { Inject, Injectable } from '@nestjs/common';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { ShareGroup } from '../../store/store.types';
import type { Period } from '../query/period.dto';
import { historyById, type Registration, registrationAt } from './registration';

/** The transfers to one destination country on one basis. */
export interface TransferRecord {
  /** The destination: the decision's country, else the recipient's registered country. */
  country: string | null;
  basis: string;
  reference: string | null;
  /** The regime of the subjects' residence the basis answered (DESIGN §7), when recorded. */
  regime: string | null;
  shares: number;
}

/** One recipient, as registered at the time of its events, and what it received. */
export interface ProcessingRecipient extends Registration {
  purposes: string[];
  categoriesShared: string[];
  transfers: TransferRecord[];
  shares: number;
  denials: number;
  firstShare: string | null;
  lastShare: string | null;
}

/** The record of processing activities (GDPR Art. 30(1)(d)–(e)) for a period. */
export interface ProcessingRecord {
  from: string | null;
  to: string | null;
  recipients: ProcessingRecipient[];
  totals: { recipients: number; shares: number; denials: number };
}

const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();

/**
 * Art. 30(1)(d)–(e) from what actually flowed: for each recipient of shares or denials in the
 * period, its registration in force at the time (a recipient that moved is listed once per
 * registration), the purposes and categories of its shares, the transfer basis per
 * destination country with its reference, and its volumes. Rejected requests disclosed
 * nothing and name no trustworthy recipient, so they are left out. Built from the store's
 * {@link ShareGroup}s, which split at every registration change, so no period is too long.
 */
@Injectable()
export class ProcessingRecordService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async report(period: Period): Promise<ProcessingRecord> {
    const [allowed, denied] = await Promise.all([
      this.repository.shareGroups({ ...period, decision: 'allow' }),
      this.repository.shareGroups({ ...period, decision: 'deny' }),
    ]);
    const groups = [...allowed, ...denied];
    const ids = groups.map((g) => g.recipientId).filter((id): id is string => id !== null);
    const histories = historyById(await this.repository.recipientHistory(ids));
    const entries = new Map<string, ProcessingRecipient>();
    for (const group of groups) {
      if (group.recipientId === null) continue;
      const history = histories.get(group.recipientId) ?? [];
      // A group lies within one registration period, so its first decision stands for all.
      const registration = registrationAt(group.recipientId, history, group.firstMs);
      const key = JSON.stringify([registration.recipientId, registration.registeredFrom]);
      const entry = entries.get(key) ?? emptyEntry(registration);
      entries.set(key, entry);
      if (group.decision === 'deny') entry.denials += group.count;
      else addShares(entry, group);
    }
    const recipients = [...entries.values()].sort(byIdThenRegistration);
    for (const r of recipients) {
      r.purposes.sort();
      r.categoriesShared.sort();
      r.transfers.sort(byTransfer);
    }
    const count = (list: ShareGroup[]) => list.reduce((n, g) => n + g.count, 0);
    return {
      from: iso(period.fromMs),
      to: iso(period.toMs),
      recipients,
      totals: {
        recipients: new Set(recipients.map((r) => r.recipientId)).size,
        shares: count(allowed),
        denials: count(denied.filter((g) => g.recipientId !== null)),
      },
    };
  }
}

function emptyEntry(registration: Registration): ProcessingRecipient {
  return {
    ...registration,
    purposes: [],
    categoriesShared: [],
    transfers: [],
    shares: 0,
    denials: 0,
    firstShare: null,
    lastShare: null,
  };
}

function addShares(entry: ProcessingRecipient, group: ShareGroup): void {
  entry.shares += group.count;
  if (group.purpose !== null && !entry.purposes.includes(group.purpose)) {
    entry.purposes.push(group.purpose);
  }
  for (const category of group.categories) {
    if (!entry.categoriesShared.includes(category)) entry.categoriesShared.push(category);
  }
  if (entry.firstShare === null || group.firstAt < entry.firstShare)
    entry.firstShare = group.firstAt;
  if (entry.lastShare === null || group.lastAt > entry.lastShare) entry.lastShare = group.lastAt;
  const tm = group.transfer;
  const transfer: Omit<TransferRecord, 'shares'> = {
    country: tm?.country ?? entry.country,
    basis: tm?.basis ?? 'unrecorded',
    reference: tm?.reference ?? null,
    regime: tm?.regime ?? null,
  };
  const same = entry.transfers.find((t) => sameTransfer(t, transfer));
  if (same) same.shares += group.count;
  else entry.transfers.push({ ...transfer, shares: group.count });
}

function sameTransfer(a: Omit<TransferRecord, 'shares'>, b: Omit<TransferRecord, 'shares'>) {
  return (
    a.country === b.country &&
    a.basis === b.basis &&
    a.reference === b.reference &&
    a.regime === b.regime
  );
}

const text = (value: string | null): string => value ?? '';

function byIdThenRegistration(a: ProcessingRecipient, b: ProcessingRecipient): number {
  if (a.recipientId !== b.recipientId) return a.recipientId < b.recipientId ? -1 : 1;
  return text(a.registeredFrom) < text(b.registeredFrom) ? -1 : 1;
}

function byTransfer(a: TransferRecord, b: TransferRecord): number {
  const ka = [a.country, a.basis, a.reference, a.regime].map(text).join('\u0000');
  const kb = [b.country, b.basis, b.reference, b.regime].map(text).join('\u0000');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
