// The compliance API of a running auditor over a known set of events and recipient
// registrations produced to Kafka: every report checked field by field, CSV included.
import { Pool } from 'pg';
import { wire } from '../support/auditor/audit-events';
import { createAuditorTopics, produceRecords } from '../support/auditor/audit-topics';
import {
  type RunningAuditor,
  STORES,
  startAuditor,
  waitForRecords,
} from '../support/auditor/auditor-process';
import { EXPECTED, RECIPIENT_VERSIONS, reportEvents } from '../support/auditor/report-fixtures';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

interface Disclosures {
  count: number;
  disclosures: { date: string; recipient: { name: string; address: string }; purpose: string }[];
}

describe.each(STORES)('compliance reports (%s store)', (store) => {
  const kafka = testKafka('auditor-reports');
  const prefix = `${uniqueName('reports')}.`;
  let auditor: RunningAuditor;
  let startedAt: number;

  beforeAll(async () => {
    const topics = await createAuditorTopics(kafka, prefix, 2);
    auditor = await startAuditor({ prefix, store });
    // The recipients topic is compacted: Kafka drops a superseded registration as soon as its
    // segment rolls (record timestamps years apart roll it at once). The auditor keeps the
    // history only because it is running when each version is published, as in production.
    // The fixture's timestamps are producer timestamps of the past: the auditor ignores them
    // (a registration cannot be backdated), so every version counts from when it was read.
    startedAt = Date.now();
    for (const { timestamp, recipient } of RECIPIENT_VERSIONS) {
      const record = {
        partition: 0,
        key: recipient.recipientId,
        value: JSON.stringify(recipient),
        timestamp,
      };
      await produceRecords(kafka, topics.recipients, [record]);
      await waitFor(
        async () => {
          const history = await auditor.get<unknown[]>(
            `/api/recipients/${recipient.recipientId}/history`,
          );
          const last = history.at(-1) as { recipient: { address: string } } | undefined;
          return last?.recipient.address === recipient.address;
        },
        { what: `${recipient.recipientId} registered at ${recipient.address}` },
      );
    }
    // A poison record on the recipients topic is skipped; the rest still apply.
    await produceRecords(kafka, topics.recipients, [
      { partition: 0, key: 'bad', value: '{"oops"' },
    ]);
    const events = reportEvents();
    await produceRecords(
      kafka,
      topics.audit,
      events.flatMap((chain, partition) =>
        chain.map((e) => ({ partition, key: e.subjectId ?? '', value: wire(e) })),
      ),
    );
    await waitForRecords(
      auditor,
      events.map((chain) => chain.length),
    );
  });

  afterAll(async () => {
    await auditor?.close('SIGTERM');
  });

  // Registrations read now are not in force for shares of 2024–2026: each disclosure names the
  // nearest registration, flagged. registration-time.e2e-spec.ts covers registrations in force.
  it('lists a subject’s disclosures with the nearest registration, flagged as not in force then', async () => {
    const report = await auditor.get<Disclosures>(`/api/subjects/${EXPECTED.subject}/disclosures`);
    expect(report.disclosures.map((d) => d.date)).toEqual(EXPECTED.disclosureDates);
    expect(report.disclosures[0]).toMatchObject({
      recipient: {
        recipientId: 'univ-stanford',
        name: 'Stanford University',
        address: EXPECTED.stanfordOld,
        inForceThen: false,
      },
      purpose: 'course_administration',
      categoriesShared: ['course.performance', 'identity.name'],
      fieldsShared: ['grades', 'name'],
      transferMechanism: { basis: 'not_required' },
      policyVersion: '2015-11-04',
      partition: 0,
      seq: 0,
    });
    expect(report.disclosures[3]).toMatchObject({
      date: '2025-07-01T09:00:00.000Z',
      recipient: { address: EXPECTED.stanfordOld, inForceThen: false },
      transferMechanism: { basis: 'contract', reference: 'DPA-2025-17' },
    });
  });

  it('answers Shine the Light for one calendar year: marketing shares only', async () => {
    const report = await auditor.get(
      `/api/reports/shine-the-light?subjectId=${EXPECTED.subject}&year=2025`,
    );
    expect(report).toEqual({
      subjectId: EXPECTED.subject,
      year: 2025,
      period: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
      categories: ['contact.email', 'identity.name'],
      businesses: [
        { recipientId: 'acme-partner', ...EXPECTED.acme, categories: ['identity.name'], shares: 1 },
        { recipientId: 'edu-partner', ...EXPECTED.edu, categories: ['contact.email'], shares: 1 },
      ],
      shares: 2,
    });
  });

  it('downloads Shine the Light and disclosures as CSV', async () => {
    const headers = { authorization: `Bearer ${auditor.token}` };
    const res = await auditor.raw(
      `/api/reports/shine-the-light?subjectId=${EXPECTED.subject}&year=2025&format=csv`,
      { headers },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect((await res.text()).split('\r\n')).toEqual([
      'year,businessName,businessAddress,recipientId,categories,shares',
      `2025,${EXPECTED.acme.name},"${EXPECTED.acme.address}",acme-partner,identity.name,1`,
      `2025,${EXPECTED.edu.name},"${EXPECTED.edu.address}",edu-partner,contact.email,1`,
      '',
    ]);
    const disclosures = await auditor.raw(
      `/api/subjects/${EXPECTED.subject}/disclosures?format=csv`,
      { headers },
    );
    expect((await disclosures.text()).trim().split('\r\n')).toHaveLength(
      1 + EXPECTED.disclosureDates.length,
    );
  });

  it('counts shares and denials per recipient and purpose over a period', async () => {
    const report = await auditor.get<{ rows: unknown[]; totals: unknown }>(
      '/api/reports/recipients?from=2025-01-01&to=2026-01-01',
    );
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

  it('filters events and pages through them with a cursor', async () => {
    type Page = {
      items: { event: { decidedAt: string; seq: number } }[];
      nextCursor: string | null;
    };
    const first = await auditor.get<Page>(`/api/events?subjectId=${EXPECTED.subject}&limit=3`);
    expect(first.items).toHaveLength(3);
    const dates: string[] = first.items.map((i) => i.event.decidedAt);
    let cursor = first.nextCursor;
    while (cursor) {
      const page: Page = await auditor.get<Page>(
        `/api/events?subjectId=${EXPECTED.subject}&limit=3&cursor=${cursor}`,
      );
      dates.push(...page.items.map((i) => i.event.decidedAt));
      cursor = page.nextCursor;
    }
    expect(dates).toHaveLength(8);
    expect([...dates].sort()).toEqual(dates);
    const denied = await auditor.get<Page>(
      '/api/events?reasonCode=SUBJECT_OPTED_OUT&decision=deny',
    );
    expect(denied.items.map((i) => i.event.decidedAt)).toEqual(['2025-03-01T12:00:00.000Z']);
    const marketing = await auditor.get<Page>(
      '/api/events?purpose=marketing&recipientId=edu-partner&from=2025-01-01&to=2026-01-01',
    );
    expect(marketing.items).toHaveLength(1);
  });

  it('answers a bad parameter with 400 naming it', async () => {
    const res = await auditor.raw('/api/events?decision=maybe&from=later', {
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string[] };
    expect(body.message).toEqual([
      'decision: must be one of allow, deny, reject, notice',
      'from: must be YYYY-MM-DD or an ISO-8601 UTC time',
    ]);
  });

  it('keeps every registration of a recipient, which the compacted topic need not keep', async () => {
    const history = await auditor.get<{ validFrom: string; recipient: { address: string } }[]>(
      '/api/recipients/univ-stanford/history',
    );
    expect(history.map((v) => v.recipient.address)).toEqual([
      EXPECTED.stanfordOld,
      EXPECTED.stanfordNew,
    ]);
    const from = history.map((v) => Date.parse(v.validFrom));
    expect(from[0]).toBeGreaterThanOrEqual(startedAt);
    expect(from[1]).toBeGreaterThan(from[0]);
  });

  // PostgreSQL: the documented views an analyst queries give the API's answers.
  if (store === 'postgres') {
    it('answers the same questions in SQL through the documented views', async () => {
      const pool = new Pool({ connectionString: auditor.databaseUrl });
      try {
        const rows = async (sql: string, values: unknown[] = []) =>
          (await pool.query(sql, values)).rows as Record<string, unknown>[];
        type Api = {
          disclosures: { eventId: string; recipient: { address: string; inForceThen: boolean } }[];
        };
        const api = await auditor.get<Api>(`/api/subjects/${EXPECTED.subject}/disclosures`);
        const disclosures = await rows(
          `SELECT event_id, recipient_address FROM disclosures WHERE subject_id = $1
          ORDER BY decided_at, partition, seq`,
          [EXPECTED.subject],
        );
        expect(disclosures.map((d) => d.event_id)).toEqual(api.disclosures.map((d) => d.eventId));
        // The view names only a registration in force when shared (registrations count from when
        // they were seen, never from a producer's timestamp); the API adds the nearest, flagged.
        expect(disclosures.map((d) => d.recipient_address)).toEqual(
          api.disclosures.map((d) => (d.recipient.inForceThen ? d.recipient.address : null)),
        );
        const light = await rows(
          `SELECT recipient_id, recipient_name, recipient_address, categories, shares
          FROM shine_the_light WHERE subject_id = $1 AND year = 2025 ORDER BY recipient_id`,
          [EXPECTED.subject],
        );
        // The 2025 shares predate every registration the auditor saw (this run's), so the view
        // names none in force then: null, never a registration backdated by its producer.
        expect(light).toEqual([
          {
            recipient_id: 'acme-partner',
            recipient_name: null,
            recipient_address: null,
            categories: ['identity.name'],
            shares: 1,
          },
          {
            recipient_id: 'edu-partner',
            recipient_name: null,
            recipient_address: null,
            categories: ['contact.email'],
            shares: 1,
          },
        ]);
        const daily = await rows(
          `SELECT sum(shares)::integer AS shares, sum(denials)::integer AS denials
          FROM recipient_decisions_daily WHERE day >= '2025-01-01' AND day < '2026-01-01'`,
        );
        expect(daily).toEqual([{ shares: 5, denials: 1 }]);
        const integrity = await rows(
          'SELECT partition, status FROM partition_integrity ORDER BY partition',
        );
        expect(integrity).toEqual([
          { partition: 0, status: 'green' },
          { partition: 1, status: 'green' },
        ]);
      } finally {
        await pool.end();
      }
    });
  }

  it('logged the poison recipient record by offset and reason, never its content', () => {
    expect(auditor.app.output()).toMatch(/"reason":"INVALID_JSON".*"recipient record skipped"/);
    expect(auditor.app.output()).not.toContain('oops');
  });
});
