// A gateway whose consumer group has no chain checkpoint (a new group id over an existing
// audit topic) continues each audit chain from the last committed event in the log instead
// of forking it from genesis.
import { chainAlerts } from '../support/chain';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const harness = new GatewayHarness(3);
const requests = Array.from({ length: 30 }, (_, i) =>
  shareRequest(`cont-${i}`, `learner-cont-${i % 7}`, 'instructor-1', 'course_administration'),
);

beforeAll(async () => {
  await harness.startGateway();
  await harness.connect();
  await harness.putRecipients([recipient('instructor')]);
  await harness.putSubjects(Array.from({ length: 7 }, (_, i) => subject(`learner-cont-${i}`)));
  await harness.startReading();
});

afterAll(() => harness.close());

it('continues every audit chain when a new consumer group takes over the topics', async () => {
  await harness.request(requests);
  const firstLengths = await harness.awaitAllDecided();
  await harness.close().catch(() => undefined);

  // A new group re-reads the requests from the beginning: every request is decided again, and
  // its events must link to the first group's last event of the same partition.
  const second = new GatewayHarness(3, harness.prefix, uniqueName('gw-group-new'));
  await second.startGateway();
  await second.connect();
  await second.startReading();
  try {
    const events = await waitFor(
      () => (second.auditEvents().length === 2 * requests.length ? second.auditEvents() : null),
      { timeoutMs: 60_000, what: 'both groups’ audit events' },
    );
    expect(chainAlerts(second.on(second.topics.audit))).toEqual([]);
    for (const [partition, length] of firstLengths) {
      const seqs = events.filter((e) => e.partition === partition).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 2 * length }, (_, i) => i));
    }
  } finally {
    await second.close();
  }
});
