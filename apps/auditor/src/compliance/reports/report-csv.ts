import type { TransferMechanismRecord } from '@app/contracts';
import { toCsv } from './csv';
import type { DisclosureReport } from './disclosures.service';
import type { RecipientsReport } from './recipients-report.service';
import type { ShineTheLightReport } from './shine-the-light.service';

const list = (values: readonly string[]): string => values.join('; ');
const transfer = (t: TransferMechanismRecord | null): string =>
  t === null ? '' : [t.basis, t.country, t.reference].filter(Boolean).join(' ');

/** A subject's disclosures, one row per share. */
export function disclosuresCsv(report: DisclosureReport): string {
  return toCsv(
    [
      'date',
      'recipientId',
      'recipientName',
      'recipientAddress',
      'registrationInForce',
      'purpose',
      'categoriesShared',
      'fieldsShared',
      'transferBasis',
      'policyVersion',
      'eventId',
      'partition',
      'seq',
      'integrityAlerts',
    ],
    report.disclosures.map((d) => [
      d.date,
      d.recipient.recipientId,
      d.recipient.name,
      d.recipient.address,
      d.recipient.inForceThen,
      d.purpose,
      list(d.categoriesShared),
      list(d.fieldsShared),
      transfer(d.transferMechanism),
      d.policyVersion,
      d.eventId,
      d.partition,
      d.seq,
      list(d.integrityAlerts),
    ]),
  );
}

/** The Shine the Light answer, one row per business. */
export function shineTheLightCsv(report: ShineTheLightReport): string {
  return toCsv(
    ['year', 'businessName', 'businessAddress', 'recipientId', 'categories', 'shares'],
    report.businesses.map((b) => [
      report.year,
      b.name,
      b.address,
      b.recipientId,
      list(b.categories),
      b.shares,
    ]),
  );
}

/** Decisions per recipient and purpose. */
export function recipientsCsv(report: RecipientsReport): string {
  return toCsv(
    ['recipientId', 'name', 'purpose', 'shares', 'denials', 'rejections'],
    report.rows.map((r) => [r.recipientId, r.name, r.purpose, r.shares, r.denials, r.rejections]),
  );
}
