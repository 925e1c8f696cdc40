// A partner's read access follows its recipient's status on <prefix>recipients: suspension
// cuts a running consumer off within one poll of the ACL change, reactivation restores it.
// Plus the operator's hold and offboarding. The share topics are written by the super-user
// here (the gateway's own part is covered in partner-isolation).
import { FIXED_USERS } from '../../apps/cli/src/access/access-acls';
import { enforcePartnerAccess } from '../../apps/cli/src/access/provision';
import type { PartnerChange } from '../../apps/cli/src/access/partner-access';
import { uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';
import { startReader, tryConsume } from './access-probes';
import { SecuredDeployment } from './security-fixture';

const d = new SecuredDeployment();
const TOPIC_DENIED = 'TOPIC_AUTHORIZATION_FAILED';
/** Slack on top of one fetch long-poll for the consumer to see the refusal (2-core machines). */
const SLACK_MS = 2500;

beforeAll(async () => {
  await d.start({ gateway: false });
  await d.onboardPartners();
});

afterAll(() => d.stop());

const readOnce = (recipientId: string, group: string, expect = 1) =>
  tryConsume(d.broker, d.secrets, d.partner(recipientId), d.shareTopic(recipientId), group, {
    expect,
  });

async function partnerLine(recipientId: string): Promise<Record<string, unknown> | undefined> {
  const list = await d.access(['list', '--partners']);
  return list.lines.find((l) => l.recipientId === recipientId);
}

it('cuts a suspended partner off within one poll of `access sync`, and restores it on reactivation', async () => {
  const id = d.partnerA;
  const group = `${id}:live`;
  await d.writeAsAdmin(d.shareTopic(id), ['share-1']);
  const reader = await startReader(d.broker, d.secrets, d.partner(id), d.shareTopic(id), group);
  await waitFor(() => reader.values.includes('share-1'), { what: 'share-1 read' });

  await d.registerRecipient(id, 'suspended');
  const sync = await d.access(['sync']);
  const synced = Date.now();
  expect(sync.code).toBe(0);
  expect(sync.lines).toContainEqual({
    recipientId: id,
    status: 'suspended',
    readGranted: false,
    changed: true,
  });
  await waitFor(() => reader.refused, { what: 'the running consumer refused' });
  expect(reader.refused?.errorType).toBe(TOPIC_DENIED);
  expect(reader.refused!.at - synced).toBeLessThan(reader.pollMs + SLACK_MS);
  await reader.stop();

  // Whatever reaches its topic now stays out of reach, for any consumer of the partner.
  await d.writeAsAdmin(d.shareTopic(id), ['share-2']);
  const refused = await readOnce(id, group);
  expect([refused.errorType, refused.values]).toEqual([TOPIC_DENIED, []]);
  expect(reader.values).toEqual(['share-1']);

  await d.registerRecipient(id, 'active');
  const back = await d.access(['sync']);
  expect(back.lines).toContainEqual({
    recipientId: id,
    status: 'active',
    readGranted: true,
    changed: true,
  });
  // The group resumes where it stopped: it gets exactly what it was denied.
  const resumed = await readOnce(id, group);
  expect([resumed.errorType, resumed.values]).toEqual([null, ['share-2']]);
});

it('enforces status changes as they are published (access sync --follow / gateway wiring)', async () => {
  const id = d.partnerB;
  const changes: PartnerChange[] = [];
  const admin = d.broker.admin().admin();
  await admin.connect();
  const follower = await enforcePartnerAccess(d.broker.admin(), admin, d.prefix, async (c) => {
    changes.push(c);
  });
  try {
    await d.writeAsAdmin(d.shareTopic(id), ['b-1']);
    const reader = await startReader(
      d.broker,
      d.secrets,
      d.partner(id),
      d.shareTopic(id),
      `${id}:live`,
    );
    await waitFor(() => reader.values.includes('b-1'), { what: 'b-1 read' });

    await d.registerRecipient(id, 'suspended');
    const published = Date.now();
    await waitFor(() => reader.refused, { what: 'the running consumer refused' });
    expect(reader.refused?.errorType).toBe(TOPIC_DENIED);
    // The follower's consumer and the ACL change add to the one poll of the partner's reader.
    expect(reader.refused!.at - published).toBeLessThan(2 * reader.pollMs + SLACK_MS);
    expect(changes).toContainEqual({
      recipientId: id,
      status: 'suspended',
      readGranted: false,
      changed: true,
    });
    await reader.stop();

    await d.registerRecipient(id, 'active');
    await waitFor(() => changes.some((c) => c.recipientId === id && c.readGranted), {
      what: 'read access restored',
    });
    expect((await readOnce(id, uniqueName(`${id}:again`))).values).toEqual(['b-1']);
  } finally {
    await follower.stop();
    await admin.disconnect();
  }
});

it('holds a partner (partner suspend) whatever its status, until partner resume', async () => {
  const id = d.partnerA;
  expect(await partnerLine(id)).toMatchObject({ readGranted: true, held: false, canRead: true });

  const held = await d.access(['partner', 'suspend', id]);
  expect(held.lines[0]).toMatchObject({ recipientId: id, held: true, canRead: false });
  expect((await readOnce(id, uniqueName(`${id}:`))).errorType).toBe(TOPIC_DENIED);
  // The recipient is active, and a sync keeps its ALLOW, but the operator's DENY wins.
  await d.access(['sync']);
  expect(await partnerLine(id)).toMatchObject({ readGranted: true, held: true, canRead: false });
  expect((await readOnce(id, uniqueName(`${id}:`))).errorType).toBe(TOPIC_DENIED);

  const resumed = await d.access(['partner', 'resume', id]);
  expect(resumed.lines[0]).toMatchObject({ recipientId: id, held: false, canRead: true });
  expect((await readOnce(id, uniqueName(`${id}:`))).errorType).toBeNull();
});

it('gives a partner of an unregistered recipient no read access (deny by default)', async () => {
  const id = 'ghost';
  const admin = d.broker.admin().admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: d.shareTopic(id) }], waitForLeaders: true });
  await admin.disconnect();
  await d.writeAsAdmin(d.shareTopic(id), ['ghost-1']);

  const added = await d.access(['partner', 'add', id, '--secrets-dir', d.secrets]);
  expect(added.code).toBe(0);
  expect(added.lines[0]).toMatchObject({ recipientId: id, status: 'unknown', canRead: false });
  expect(added.stderr).toContain('no read access until it is active');
  const read = await readOnce(id, `${id}:probe`);
  expect([read.errorType, read.values]).toEqual([TOPIC_DENIED, []]);
});

it('offboards a partner: its user can no longer log in and its ACLs are gone', async () => {
  const id = 'ghost';
  const removed = await d.access(['partner', 'remove', id]);
  expect(removed.code).toBe(0);
  expect(removed.lines[0]).toMatchObject({ recipientId: id, user: d.partner(id), removedAcls: 2 });
  expect(await partnerLine(id)).toBeUndefined();
  const read = await readOnce(id, `${id}:probe`);
  expect(read.errorName).toBe('KafkaJSSASLAuthenticationError');
  // The fixed principals are untouched.
  const list = await d.access(['list']);
  expect(list.lines.some((l) => l.principal === `User:${FIXED_USERS.gateway}`)).toBe(true);
});
