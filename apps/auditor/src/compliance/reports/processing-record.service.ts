import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent } from '@app/contracts';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { Period } from '../query/report-query';
import { allEvents } from './all-events';
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
  /** True when the period held more events than one report reads (see {@link allEvents}). */
  truncated: boolean;
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
 * nothing and name no trustworthy recipient, so they are left out.
 */
@Injectable()
export class ProcessingRecordService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async report(period: Period): Promise<ProcessingRecord> {
    const [allowed, denied] = await Promise.all([
      allEvents(this.repository, { ...period, decision: 'allow' }),
      allEvents(this.repository, { ...period, decision: 'deny' }),
    ]);
    const events = [...allowed.events, ...denied.events].map((s) => s.event);
    const ids = events.map((e) => e.recipientId).filter((id): id is string => id !== null);
    const histories = historyById(await this.repository.recipientHistory(ids));
    const entries = new Map<string, ProcessingRecipient>();
    for (const event of events) {
      if (event.recipientId === null) continue;
      const history = histories.get(event.recipientId) ?? [];
      const registration = registrationAt(event.recipientId, history, Date.parse(event.decidedAt));
      const key = JSON.stringify([registration.recipientId, registration.registeredFrom]);
      const entry = entries.get(key) ?? emptyEntry(registration);
      entries.set(key, entry);
      if (event.decision === 'deny') entry.denials += 1;
      else addShare(entry, event);
    }
    const recipients = [...entries.values()].sort(byIdThenRegistration);
    for (const r of recipients) {
      r.purposes.sort();
      r.categoriesShared.sort();
      r.transfers.sort(byTransfer);
    }
    return {
      from: iso(period.fromMs),
      to: iso(period.toMs),
      truncated: allowed.truncated || denied.truncated,
      recipients,
      totals: {
        recipients: new Set(recipients.map((r) => r.recipientId)).size,
        shares: allowed.events.length,
        denials: denied.events.filter((e) => e.event.recipientId !== null).length,
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

function addShare(entry: ProcessingRecipient, event: AuditEvent): void {
  entry.shares += 1;
  if (event.purpose !== null && !entry.purposes.includes(event.purpose)) {
    entry.purposes.push(event.purpose);
  }
  for (const category of event.categoriesShared) {
    if (!entry.categoriesShared.includes(category)) entry.categoriesShared.push(category);
  }
  const at = event.decidedAt;
  if (entry.firstShare === null || at < entry.firstShare) entry.firstShare = at;
  if (entry.lastShare === null || at > entry.lastShare) entry.lastShare = at;
  const tm = event.transferMechanism;
  const transfer: Omit<TransferRecord, 'shares'> = {
    country: tm?.country ?? entry.country,
    basis: tm?.basis ?? 'unrecorded',
    reference: tm?.reference ?? null,
    regime: tm?.regime ?? null,
  };
  const same = entry.transfers.find((t) => sameTransfer(t, transfer));
  if (same) same.shares += 1;
  else entry.transfers.push({ ...transfer, shares: 1 });
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
