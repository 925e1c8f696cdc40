// The at-a-glance reports (record of processing, data map, charts) over the glance fixture,
// whatever the database: run against SQLite (unit project) and PostgreSQL
// (test/auditor/postgres-store.int-spec.ts).
import type { AuditStore } from '../../../apps/auditor/src/store/audit-store';
import type { EventFilter } from '../../../apps/auditor/src/store/store.types';
import { allEvents } from '../../../apps/auditor/src/compliance/reports/all-events';
import { ActivityService } from '../../../apps/auditor/src/compliance/reports/activity.service';
import { DataMapService } from '../../../apps/auditor/src/compliance/reports/data-map.service';
import { processingRecordCsv } from '../../../apps/auditor/src/compliance/reports/processing-record.columns';
import { ProcessingRecordService } from '../../../apps/auditor/src/compliance/reports/processing-record.service';
import { EXPECTED, REGISTERED } from './report-fixtures';
import { HTML_NAME, writeGlanceFixture } from './glance-fixtures';

const YEAR_2025 = { fromMs: Date.parse('2025-01-01'), toMs: Date.parse('2026-01-01') };
const iso = (ms: number) => new Date(ms).toISOString();

/** A filter from the events-search parameters a flow links to. */
function filterOf(params: Record<string, string>): EventFilter {
  const { from, to, decision, ...rest } = params;
  return {
    ...rest,
    decision: decision as EventFilter['decision'],
    fromMs: from === undefined ? undefined : Date.parse(from),
    toMs: to === undefined ? undefined : Date.parse(to),
  };
}

/** Registers the suite; `open` gives a fresh, empty store. */
export function describeAtAGlance(name: string, open: () => Promise<AuditStore>): void {
  describe(`${name}: what compliance sees at a glance`, () => {
    let store: AuditStore;
    beforeAll(async () => {
      store = await open();
      await writeGlanceFixture(store);
    });
    afterAll(() => store.close());

    it('records processing per recipient registration, field by field', async () => {
      const report = await new ProcessingRecordService(store.query).report(YEAR_2025);
      const us = (basis: string, shares: number, reference: string | null = null) => ({
        country: 'US',
        basis,
        reference,
        regime: null,
        shares,
      });
      expect(report).toEqual({
        from: '2025-01-01T00:00:00.000Z',
        to: '2026-01-01T00:00:00.000Z',
        totals: { recipients: 4, shares: 7, denials: 2 },
        recipients: [
          {
            recipientId: 'acme-partner',
            name: EXPECTED.acme.name,
            address: EXPECTED.acme.address,
            country: 'US',
            kind: 'business_partner',
            registeredFrom: iso(REGISTERED.partners),
            inForceThen: true,
            purposes: ['marketing'],
            categoriesShared: ['identity.name'],
            transfers: [us('not_required', 2)],
            shares: 2,
            denials: 1,
            firstShare: '2025-02-01T12:00:00.000Z',
            lastShare: '2025-05-01T12:00:00.000Z',
          },
          {
            recipientId: 'edu-partner',
            name: EXPECTED.edu.name,
            address: EXPECTED.edu.address,
            country: 'US',
            kind: 'university_partner',
            registeredFrom: iso(REGISTERED.partners),
            inForceThen: true,
            purposes: ['marketing', 'research'],
            categoriesShared: ['contact.email', 'course.progress'],
            transfers: [us('not_required', 2)],
            shares: 2,
            denials: 0,
            firstShare: '2025-08-01T09:00:00.000Z',
            lastShare: '2025-09-01T12:00:00.000Z',
          },
          {
            recipientId: 'evil-partner',
            name: HTML_NAME,
            address: '<i>Bahnhofstrasse 1</i>, Zürich',
            country: 'CH',
            kind: 'university_partner',
            registeredFrom: '2025-01-01T00:00:00.000Z',
            inForceThen: true,
            purposes: ['research'],
            categoriesShared: ['course.progress'],
            transfers: [
              { country: 'CH', basis: 'adequacy', reference: null, regime: 'eu', shares: 1 },
            ],
            shares: 1,
            denials: 1,
            firstShare: '2025-11-01T08:00:00.000Z',
            lastShare: '2025-11-01T08:00:00.000Z',
          },
          {
            recipientId: 'univ-stanford',
            name: 'Stanford University',
            address: EXPECTED.stanfordNew,
            country: 'US',
            kind: 'institution',
            registeredFrom: iso(REGISTERED.stanfordV2),
            inForceThen: true,
            purposes: ['course_administration', 'research'],
            categoriesShared: ['course.performance', 'course.progress', 'identity.name'],
            transfers: [
              us('contract', 1, 'DPA-2025-17'),
              { ...us('contract', 1, 'SCC-2021'), regime: 'eu' },
            ],
            shares: 2,
            denials: 0,
            firstShare: '2025-07-01T09:00:00.000Z',
            lastShare: '2025-10-01T08:00:00.000Z',
          },
        ],
      });
      const csv = processingRecordCsv(report).split('\r\n');
      expect(csv[0]).toBe(
        'recipientId,name,kind,country,address,registeredFrom,registrationInForce,purposes,' +
          'categoriesShared,transfers,shares,denials,firstShare,lastShare',
      );
      expect(csv[4]).toContain(
        ',US: contract DPA-2025-17 ×1; US: contract SCC-2021 (regime eu) ×1,2,0,',
      );
    });

    it('lists a recipient that moved once per registration it had when it received data', async () => {
      const report = await new ProcessingRecordService(store.query).report({});
      const stanford = report.recipients.filter((r) => r.recipientId === 'univ-stanford');
      expect(stanford.map((r) => [r.address, r.shares, r.firstShare])).toEqual([
        [EXPECTED.stanfordOld, 1, '2024-03-01T09:00:00.000Z'],
        [EXPECTED.stanfordNew, 2, '2025-07-01T09:00:00.000Z'],
      ]);
    });

    it('draws a data map whose every flow counts exactly the events it links to', async () => {
      const map = await new DataMapService(store.query).map(YEAR_2025);
      const shares = (await allEvents(store.query, { ...YEAR_2025, decision: 'allow' })).events;
      expect(map.shares).toBe(shares.length);
      const column = (id: string) => map.nodes.find((n) => n.id === id)!.column;
      const intoRecipients = map.flows.filter((f) => column(f.target) === 'recipient');
      const fromCategories = map.flows.filter((f) => column(f.source) === 'category');
      const sum = (flows: typeof map.flows) => flows.reduce((n, f) => n + f.value, 0);
      expect(sum(intoRecipients)).toBe(shares.length);
      expect(sum(fromCategories)).toBe(
        shares.reduce((n, s) => n + s.event.categoriesShared.length, 0),
      );
      for (const flow of map.flows) {
        const linked = await allEvents(store.query, filterOf(flow.events));
        expect([flow.source, flow.target, linked.events.length]).toEqual([
          flow.source,
          flow.target,
          flow.value,
        ]);
      }
      const recipients = map.nodes.filter((n) => n.column === 'recipient');
      expect(recipients.map((n) => [n.country, n.basis, n.label])).toEqual([
        ['CH', 'adequacy', HTML_NAME],
        ['US', 'contract', 'Stanford University'],
        ['US', 'not_required', EXPECTED.acme.name],
        ['US', 'not_required', EXPECTED.edu.name],
      ]);
    });

    it('counts the charts’ numbers from the events', async () => {
      const report = await new ActivityService(store.query).report({
        fromMs: Date.parse('2025-10-01'),
        toMs: Date.parse('2025-11-03'),
      });
      expect(report.bucket).toBe('day');
      expect(report.decisions).toHaveLength(33);
      const busy = report.decisions.filter((d) => d.allow + d.deny + d.reject > 0);
      expect(busy).toEqual([
        { bucket: '2025-10-01', allow: 1, deny: 0, reject: 0 },
        { bucket: '2025-11-01', allow: 1, deny: 0, reject: 0 },
        { bucket: '2025-11-02', allow: 0, deny: 1, reject: 0 },
      ]);
      expect(report.denialsByPrimaryReason).toEqual([{ reason: 'RECIPIENT_SUSPENDED', count: 1 }]);
      expect(report.withheldFieldsByReason).toEqual([
        { reason: 'CATEGORY_NOT_PERMITTED', count: 1 },
        { reason: 'UNSTATED', count: 1 },
      ]);
      expect(report.chainGrowth).toEqual([
        {
          partition: 2,
          points: report.decisions
            .map((d) => d.bucket)
            .filter((b) => b >= '2025-10-01')
            .map((bucket) => ({
              bucket,
              length: bucket < '2025-11-01' ? 1 : bucket < '2025-11-02' ? 2 : 3,
            })),
        },
      ]);
    });

    it('is empty, not an error, for a period without events', async () => {
      const period = { fromMs: Date.parse('2020-01-01'), toMs: Date.parse('2020-02-01') };
      const record = await new ProcessingRecordService(store.query).report(period);
      expect(record).toMatchObject({ recipients: [], totals: { recipients: 0, shares: 0 } });
      const map = await new DataMapService(store.query).map(period);
      expect(map).toMatchObject({ shares: 0, nodes: [], flows: [] });
      const activity = await new ActivityService(store.query).report(period);
      expect(activity).toMatchObject({ events: 0, decisions: [], chainGrowth: [] });
    });
  });
}
