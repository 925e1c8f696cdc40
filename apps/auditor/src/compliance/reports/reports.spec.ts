import {
  EXPECTED,
  RECIPIENT_VERSIONS,
  REGISTERED,
  reportEvents,
} from '../../../../../test/support/auditor/report-fixtures';
import type { AuditStore } from '../../store/audit-store';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store';
import { DisclosuresService } from './disclosures.service';
import { IntegrityService } from './integrity.service';
import { RecipientsReportService } from './recipients-report.service';
import { disclosuresCsv, shineTheLightCsv } from './report-csv';
import { ShineTheLightService } from './shine-the-light.service';

describe('compliance reports over a known set of events', () => {
  let store: AuditStore;

  beforeAll(async () => {
    store = openSqliteStore(':memory:');
    for (const [partition, events] of reportEvents().entries()) {
      await store.ingest.writeAuditBatch({
        partition,
        epoch: 0,
        records: events.map((event, offset) => ({ partition, offset, timestampMs: 0, event })),
        alerts: [],
        checkpoint: { tip: null, nextOffset: events.length },
        tip: { seq: events.length - 1, hash: events.at(-1)!.hash, offset: events.length - 1 },
        detectedAt: '2026-01-01T00:00:00Z',
      });
    }
    await store.ingest.writeRecipientBatch({
      partition: 0,
      nextOffset: RECIPIENT_VERSIONS.length,
      versions: RECIPIENT_VERSIONS.map(({ timestamp, recipient }, offset) => ({
        recipientId: recipient.recipientId,
        partition: 0,
        offset,
        validFromMs: timestamp,
        recipient,
      })),
    });
  });
  afterAll(() => store.close());

  describe('a subject’s disclosures', () => {
    it('lists every allowed share with the recipient as registered then', async () => {
      const report = await new DisclosuresService(store.query).forSubject(EXPECTED.subject, {});
      expect(report.disclosures.map((d) => d.date)).toEqual(EXPECTED.disclosureDates);
      const [first, , , july] = report.disclosures;
      expect(first).toEqual({
        date: '2024-03-01T09:00:00.000Z',
        eventId: expect.stringMatching(/^ev-/),
        shareId: expect.stringMatching(/^sh-/),
        recipient: {
          recipientId: 'univ-stanford',
          name: 'Stanford University',
          address: EXPECTED.stanfordOld,
          country: 'US',
          kind: 'institution',
          registeredFrom: new Date(REGISTERED.stanfordV1).toISOString(),
          inForceThen: true,
        },
        purpose: 'course_administration',
        categoriesShared: ['course.performance', 'identity.name'],
        fieldsShared: ['grades', 'name'],
        transferMechanism: { basis: 'not_required' },
        policyId: 'coursera-privacy',
        policyVersion: '2015-11-04',
        partition: 0,
        seq: 0,
        integrityAlerts: [],
      });
      expect(july.recipient.address).toBe(EXPECTED.stanfordNew);
      expect(july.transferMechanism).toEqual({ basis: 'contract', reference: 'DPA-2025-17' });
    });

    it('narrows to a period and renders as CSV', async () => {
      const service = new DisclosuresService(store.query);
      const report = await service.forSubject(EXPECTED.subject, {
        fromMs: Date.parse('2025-01-01'),
        toMs: Date.parse('2026-01-01'),
      });
      expect(report.count).toBe(4);
      const csv = disclosuresCsv(report).split('\r\n');
      expect(csv[0]).toMatch(/^date,recipientId,recipientName,recipientAddress,/);
      expect(csv[1]).toContain(
        `2025-02-01T12:00:00.000Z,acme-partner,${EXPECTED.acme.name},"${EXPECTED.acme.address}"`,
      );
    });
  });

  describe('California Shine the Light', () => {
    it('names only direct-marketing shares of that calendar year', async () => {
      const report = await new ShineTheLightService(store.query).report({
        subjectId: EXPECTED.subject,
        year: 2025,
      });
      expect(report).toEqual({
        subjectId: EXPECTED.subject,
        year: 2025,
        period: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
        categories: ['contact.email', 'identity.name'],
        businesses: [
          {
            recipientId: 'acme-partner',
            ...EXPECTED.acme,
            categories: ['identity.name'],
            shares: 1,
          },
          { recipientId: 'edu-partner', ...EXPECTED.edu, categories: ['contact.email'], shares: 1 },
        ],
        shares: 2,
      });
      const csv = shineTheLightCsv(report).split('\r\n');
      expect(csv[0]).toBe('year,businessName,businessAddress,recipientId,categories,shares');
      expect(csv[1]).toBe(
        `2025,${EXPECTED.acme.name},"${EXPECTED.acme.address}",acme-partner,identity.name,1`,
      );
    });

    it('is empty for a year without marketing shares', async () => {
      const report = await new ShineTheLightService(store.query).report({
        subjectId: EXPECTED.subject,
        year: 2023,
      });
      expect(report).toMatchObject({ categories: [], businesses: [], shares: 0 });
    });
  });

  it('counts shares and denials per recipient and purpose over a period', async () => {
    const report = await new RecipientsReportService(store.query).report({
      fromMs: Date.parse('2025-01-01'),
      toMs: Date.parse('2026-01-01'),
    });
    expect(report.rows).toEqual([
      {
        recipientId: 'acme-partner',
        name: EXPECTED.acme.name,
        purpose: 'marketing',
        shares: 2,
        denials: 1,
        rejections: 0,
      },
      {
        recipientId: 'edu-partner',
        name: EXPECTED.edu.name,
        purpose: 'marketing',
        shares: 1,
        denials: 0,
        rejections: 0,
      },
      {
        recipientId: 'edu-partner',
        name: EXPECTED.edu.name,
        purpose: 'research',
        shares: 1,
        denials: 0,
        rejections: 0,
      },
      {
        recipientId: 'univ-stanford',
        name: 'Stanford University',
        purpose: 'course_administration',
        shares: 1,
        denials: 0,
        rejections: 0,
      },
    ]);
    expect(report.totals).toEqual({ shares: 5, denials: 1, rejections: 0 });
  });

  it('reports each partition green with its tip', async () => {
    const report = await new IntegrityService(store.query).report();
    expect(report.status).toBe('green');
    expect(
      report.partitions.map((p) => [p.partition, p.eventsVerified, p.lastVerifiedSeq]),
    ).toEqual([
      [0, 5, 4],
      [1, 4, 3],
    ]);
  });
});
