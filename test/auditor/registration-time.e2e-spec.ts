// A recipient registration comes into force when the auditor saw it, or at the broker's
// log-append time when the topic stamps records so, never at a producer-set timestamp
// (issue 19): a registration written now and dated last year must not show as "in force" for
// last year's shares.
import { chainOf, eventBody, recipientRecord, wire } from '../support/auditor/audit-events';
import { produceRecords } from '../support/auditor/audit-topics';
import {
  type RunningAuditor,
  startAuditor,
  waitForRecords,
} from '../support/auditor/auditor-process';
import { createTopics, testKafka, uniqueName } from '../support/kafka';
import { topicNames } from '@app/contracts';
import { waitFor } from '../support/wait-for';

const LONG_AGO = Date.parse('2020-01-01T00:00:00Z');
const NEW_ADDRESS = '450 Jane Stanford Way, Stanford, CA 94305, US';
const kafka = testKafka('auditor-registration-time');

interface Version {
  validFrom: string;
  recipient: { address: string };
}
interface Disclosure {
  date: string;
  recipient: { address: string | null; inForceThen: boolean };
}

async function createTopicsWith(prefix: string, timestampType: 'CreateTime' | 'LogAppendTime') {
  const topics = topicNames(prefix);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopics(admin, [
      { topic: topics.audit, numPartitions: 1 },
      {
        topic: topics.recipients,
        numPartitions: 1,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'message.timestamp.type', value: timestampType },
        ],
      },
    ]);
  } finally {
    await admin.disconnect();
  }
  return topics;
}

/** Registers `address` for univ-stanford with a producer timestamp of 2020; its validFrom. */
async function registerBackdated(auditor: RunningAuditor, topic: string, address: string) {
  const recipient = recipientRecord({ address });
  await produceRecords(kafka, topic, [
    {
      partition: 0,
      key: recipient.recipientId,
      value: JSON.stringify(recipient),
      timestamp: LONG_AGO,
    },
  ]);
  const history = await waitFor(
    async () => {
      const versions = await auditor.get<Version[]>('/api/recipients/univ-stanford/history');
      return versions.at(-1)?.recipient.address === address ? versions : null;
    },
    { what: `the registration of ${address}` },
  );
  return Date.parse(history.at(-1)!.validFrom);
}

describe('registrations on a topic with producer timestamps', () => {
  const prefix = `${uniqueName('regtime')}.`;
  let auditor: RunningAuditor;

  afterAll(async () => {
    await auditor?.app.stop('SIGTERM');
  });

  it('come into force when the auditor saw them, and shares are judged against that', async () => {
    const topics = await createTopicsWith(prefix, 'CreateTime');
    auditor = await startAuditor({ prefix });
    const before = Date.now();
    const v1 = await registerBackdated(auditor, topics.recipients, recipientRecord().address);
    expect(v1).toBeGreaterThanOrEqual(before);
    const v2 = await registerBackdated(auditor, topics.recipients, NEW_ADDRESS);
    expect(v2).toBeGreaterThan(v1 + 1);
    const at = (ms: number) => new Date(ms).toISOString();
    const chain = chainOf(0, [
      eventBody({ subjectId: 'learner-rt', decidedAt: at(LONG_AGO + 86_400_000) }),
      eventBody({ subjectId: 'learner-rt', decidedAt: at(v1 + 1) }),
      eventBody({ subjectId: 'learner-rt', decidedAt: at(v2 + 1) }),
    ]);
    await produceRecords(
      kafka,
      topics.audit,
      chain.map((e) => ({ partition: 0, key: 'learner-rt', value: wire(e) })),
    );
    await waitForRecords(auditor, [3]);
    const report = await auditor.get<{ disclosures: Disclosure[] }>(
      '/api/subjects/learner-rt/disclosures',
    );
    expect(report.disclosures.map((d) => [d.recipient.address, d.recipient.inForceThen])).toEqual([
      // Dated 2020 by its producer, but written now: not in force for a share of 2020.
      [recipientRecord().address, false],
      [recipientRecord().address, true],
      [NEW_ADDRESS, true],
    ]);
  });
});

describe('registrations on a topic with log-append time', () => {
  const prefix = `${uniqueName('regtime-lat')}.`;
  const auditors: RunningAuditor[] = [];

  afterAll(async () => {
    await Promise.all(auditors.map((a) => a.app.stop('SIGTERM')));
  });

  it('come into force at the broker’s time, which a later replay keeps', async () => {
    const topics = await createTopicsWith(prefix, 'LogAppendTime');
    const first = await startAuditor({ prefix });
    auditors.push(first);
    const before = Date.now();
    const appended = await registerBackdated(first, topics.recipients, NEW_ADDRESS);
    expect(appended).toBeGreaterThanOrEqual(before - 1000); // the broker's clock, same machine
    expect(appended).toBeLessThanOrEqual(Date.now());
    // A second auditor with an empty store reads the topic afresh, later: same start.
    const replay = await startAuditor({ prefix });
    auditors.push(replay);
    const history = await waitFor(
      async () => {
        const versions = await replay.get<Version[]>('/api/recipients/univ-stanford/history');
        return versions.length === 1 ? versions : null;
      },
      { what: 'the replayed registration' },
    );
    expect(Date.parse(history[0].validFrom)).toBe(appended);
  });
});
