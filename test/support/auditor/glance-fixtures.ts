// The report fixtures plus a third partition for the at-a-glance reports: a transfer with a
// country, reference and regime, withheld fields with and without a reason, and a recipient
// whose name holds HTML. Written straight into a store (no broker), for both databases.
import type { AuditEvent } from '@app/contracts';
import type { AuditStore } from '../../../apps/auditor/src/store/audit-store';
import { chainOf, eventBody, recipientRecord } from './audit-events';
import { RECIPIENT_VERSIONS, reportEvents } from './report-fixtures';

/** A name a page must show as text. */
export const HTML_NAME = '<img src=x onerror="alert(1)"> & <b>Partners</b>';

/** The extra events, all in the last quarter of 2025. */
export function glanceEvents(): AuditEvent[][] {
  const extra = chainOf(2, [
    eventBody({
      subjectId: 'learner-eu',
      recipientId: 'univ-stanford',
      purpose: 'research',
      decidedAt: '2025-10-01T08:00:00.000Z',
      fieldsShared: ['progress'],
      categoriesShared: ['course.progress'],
      fieldsWithheld: ['email', 'phone'],
      reasons: [{ code: 'CATEGORY_NOT_PERMITTED', field: 'email', rule: 'r', clause: 'Sharing' }],
      transferMechanism: { basis: 'contract', country: 'US', reference: 'SCC-2021', regime: 'eu' },
    }),
    eventBody({
      subjectId: 'learner-eu',
      recipientId: 'evil-partner',
      purpose: 'research',
      decidedAt: '2025-11-01T08:00:00.000Z',
      fieldsShared: ['progress'],
      categoriesShared: ['course.progress'],
      transferMechanism: { basis: 'adequacy', country: 'CH', regime: 'eu' },
    }),
    eventBody({
      subjectId: 'learner-eu',
      recipientId: 'evil-partner',
      purpose: 'research',
      decision: 'deny',
      decidedAt: '2025-11-02T08:00:00.000Z',
    }),
  ]);
  return [...reportEvents(), extra];
}

/** Writes the fixture's events and recipient versions into a freshly opened store. */
export async function writeGlanceFixture(store: AuditStore): Promise<void> {
  for (const [partition, events] of glanceEvents().entries()) {
    const { epoch } = await store.ingest.claimAuditPartition(partition, 'glance-test');
    await store.ingest.writeAuditBatch({
      partition,
      epoch,
      records: events.map((event, offset) => ({ partition, offset, timestampMs: 0, event })),
      alerts: [],
      checkpoint: { tip: null, nextOffset: events.length },
      tip: { seq: events.length - 1, hash: events.at(-1)!.hash, offset: events.length - 1 },
      detectedAt: '2026-01-01T00:00:00Z',
    });
  }
  const versions = [
    ...RECIPIENT_VERSIONS,
    {
      timestamp: Date.parse('2025-01-01T00:00:00Z'),
      recipient: recipientRecord({
        recipientId: 'evil-partner',
        name: HTML_NAME,
        kind: 'university_partner',
        country: 'CH',
        address: '<i>Bahnhofstrasse 1</i>, Zürich',
      }),
    },
  ];
  await store.ingest.writeRecipientBatch({
    partition: 0,
    nextOffset: versions.length,
    versions: versions.map(({ timestamp, recipient }, offset) => ({
      recipientId: recipient.recipientId,
      partition: 0,
      offset,
      validFromMs: timestamp,
      recipient,
    })),
  });
}
