import { Inject, Injectable } from '@nestjs/common';
import type { ChainAlertKind, TransferMechanismRecord } from '@app/contracts';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { Period } from '../query/period.dto';
import { allEvents } from './all-events';
import { historyById, type Registration, registrationAt } from './registration';

/** One disclosure of a subject's data: one allowed share. */
export interface Disclosure {
  date: string;
  eventId: string;
  shareId: string | null;
  recipient: Registration;
  purpose: string | null;
  categoriesShared: string[];
  fieldsShared: string[];
  transferMechanism: TransferMechanismRecord | null;
  policyId: string;
  policyVersion: string;
  partition: number;
  seq: number;
  /** Kinds of integrity alerts naming this event's record: treat it with care. */
  integrityAlerts: ChainAlertKind[];
}

/** The accounting of a subject's disclosures (Safe Harbor "Access"). */
export interface DisclosureReport {
  subjectId: string;
  from: string | null;
  to: string | null;
  count: number;
  truncated: boolean;
  disclosures: Disclosure[];
}

const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();

/**
 * For each share of a subject's data: when, to whom (name and address as registered then),
 * for what purpose, which categories and fields, on which transfer basis, under which policy.
 * Denied and rejected requests disclosed nothing and are not listed.
 */
@Injectable()
export class DisclosuresService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async forSubject(subjectId: string, period: Period): Promise<DisclosureReport> {
    const filter = { subjectId, decision: 'allow' as const, ...period };
    const { events, truncated } = await allEvents(this.repository, filter);
    const ids = events.map((e) => e.event.recipientId).filter((id): id is string => id !== null);
    const histories = historyById(await this.repository.recipientHistory(ids));
    const disclosures = events.map(({ event, alertKinds }) => ({
      date: event.decidedAt,
      eventId: event.eventId,
      shareId: event.shareId,
      recipient: registrationAt(
        event.recipientId ?? '',
        histories.get(event.recipientId ?? '') ?? [],
        Date.parse(event.decidedAt),
      ),
      purpose: event.purpose,
      categoriesShared: event.categoriesShared,
      fieldsShared: event.fieldsShared,
      transferMechanism: event.transferMechanism,
      policyId: event.policy.id,
      policyVersion: event.policy.version,
      partition: event.partition,
      seq: event.seq,
      integrityAlerts: alertKinds,
    }));
    return {
      subjectId,
      from: iso(period.fromMs),
      to: iso(period.toMs),
      count: disclosures.length,
      truncated,
      disclosures,
    };
  }
}
