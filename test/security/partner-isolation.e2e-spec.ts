// Least privilege on the secured broker, checked with real clients of every principal: what
// each may do works (the real gateway runs end to end under its own principal), and every
// other attempt is refused with the broker's authorization error.
import { readFileSync } from 'node:fs';
import { hashEvent, noticeAckTopicFor, topicNames, type AuditEvent } from '@app/contracts';
import { FIXED_USERS } from '../../apps/cli/src/access/access-acls';
import { chainAlerts } from '../support/chain';
import { uniqueName } from '../support/kafka';
import {
  tryConsume,
  tryCreateTopic,
  tryDescribe,
  tryDescribeConfigs,
  tryProduce,
  tryTransactionalProduce,
} from './access-probes';
import { SecuredDeployment, type AdminRecord } from './security-fixture';

const d = new SecuredDeployment();
const TOPIC_DENIED = 'TOPIC_AUTHORIZATION_FAILED';
const GROUP_DENIED = 'GROUP_AUTHORIZATION_FAILED';
let audit: AdminRecord[] = [];

beforeAll(async () => {
  await d.start();
  await d.onboardPartners();
  await d.request('req-sec-a1', d.partnerA);
  await d.request('req-sec-b1', d.partnerB);
  audit = await d.readAsAdmin(d.topics.audit, (r) => r.length >= 2, 'two audit events');
});

afterAll(() => d.stop());

const shares = (id: string) => `${d.prefix}shares.${id}`;
const acks = (id: string) => noticeAckTopicFor(d.prefix, id);
const consume = (user: string, topic: string, group: string, expect = 1) =>
  tryConsume(d.broker, d.secrets, user, topic, group, { expect });
const produce = (user: string, topic: string) => tryProduce(d.broker, d.secrets, user, topic);

it('provisions exactly the ACL table of issue 6', async () => {
  const list = await d.access(['list']);
  expect(list.code).toBe(0);
  const rows = list.lines.map((l) =>
    [l.principal, l.resourceType, l.patternType, l.resourceName, l.operation, l.permission].join(
      ' ',
    ),
  );
  const p = d.prefix;
  const g = d.gatewayGroup;
  expect(rows.sort()).toEqual(
    [
      `User:onward-accounts TOPIC LITERAL ${p}subjects WRITE ALLOW`,
      `User:onward-auditor GROUP PREFIXED onward-auditor- READ ALLOW`,
      `User:onward-auditor GROUP PREFIXED onward-verify- READ ALLOW`,
      `User:onward-auditor GROUP PREFIXED onward-witness- READ ALLOW`,
      `User:onward-auditor TOPIC LITERAL ${p}audit READ ALLOW`,
      `User:onward-auditor TOPIC LITERAL ${p}checkpoints READ ALLOW`,
      `User:onward-auditor TOPIC PREFIXED ${p}notice-acks. READ ALLOW`,
      `User:onward-auditor TOPIC LITERAL ${p}recipients DESCRIBE_CONFIGS ALLOW`,
      `User:onward-auditor TOPIC LITERAL ${p}recipients READ ALLOW`,
      `User:onward-compliance TOPIC LITERAL ${p}recipients WRITE ALLOW`,
      `User:onward-gateway GROUP LITERAL ${g} READ ALLOW`,
      `User:onward-gateway GROUP PREFIXED ${g}.audit-tail. READ ALLOW`,
      `User:onward-gateway GROUP PREFIXED ${g}.audit-tree. READ ALLOW`,
      `User:onward-gateway GROUP PREFIXED ${g}.state. READ ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}audit CREATE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}audit READ ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}audit WRITE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}checkpoints CREATE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}checkpoints WRITE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}recipients CREATE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}recipients READ ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}share-requests CREATE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}share-requests READ ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}share-requests.dlq CREATE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}share-requests.dlq WRITE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}subjects CREATE ALLOW`,
      `User:onward-gateway TOPIC LITERAL ${p}subjects READ ALLOW`,
      `User:onward-gateway TOPIC PREFIXED ${p}shares. CREATE ALLOW`,
      `User:onward-gateway TOPIC PREFIXED ${p}shares. WRITE ALLOW`,
      `User:onward-gateway TRANSACTIONAL_ID PREFIXED ${g}.${p}share-requests. WRITE ALLOW`,
      `User:onward-producer TOPIC LITERAL ${p}share-requests WRITE ALLOW`,
      `User:partner.acme GROUP PREFIXED acme: READ ALLOW`,
      `User:partner.acme TOPIC LITERAL ${p}notice-acks.acme WRITE ALLOW`,
      `User:partner.acme TOPIC LITERAL ${p}shares.acme READ ALLOW`,
      `User:partner.acme.eu GROUP PREFIXED acme.eu: READ ALLOW`,
      `User:partner.acme.eu TOPIC LITERAL ${p}notice-acks.acme.eu WRITE ALLOW`,
      `User:partner.acme.eu TOPIC LITERAL ${p}shares.acme.eu READ ALLOW`,
    ].sort(),
  );
});

it('never prints a password it generated, nor does the gateway log its own', async () => {
  const again = await d.access(['partner', 'add', d.partnerA, '--secrets-dir', d.secrets]);
  const output = [
    d.provisioned.stdout,
    d.provisioned.stderr,
    again.stdout,
    again.stderr,
    d.gateway?.output() ?? '',
  ].join('\n');
  expect(d.gateway?.output()).toContain('gateway listening');
  const users = [...Object.values(FIXED_USERS), d.partner(d.partnerA), d.partner(d.partnerB)];
  for (const user of users) {
    const password = readFileSync(`${d.secrets}/${user}.password`, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(output).not.toContain(password);
  }
  // Adding again reuses the password on file, so a running partner is not locked out.
  expect(again.lines[0]).toMatchObject({ recipientId: d.partnerA, passwordCreated: false });
});

it('runs the real gateway end to end under its own principal', async () => {
  // Requests by the producer, decided by the gateway (groups, transactions, topic creation),
  // delivered to each partner's topic, audited with intact chains.
  const events = audit.map((r) => JSON.parse(r.value ?? 'null') as AuditEvent);
  expect(events.map((e) => [e.requestId, e.decision]).sort()).toEqual([
    ['req-sec-a1', 'allow'],
    ['req-sec-b1', 'allow'],
  ]);
  expect(chainAlerts(audit.map((r) => ({ ...r, headers: {} })))).toEqual([]);
  const own = await consume(d.partner(d.partnerA), shares(d.partnerA), `${d.partnerA}:reader`);
  expect(own).toMatchObject({ errorType: null });
  expect(JSON.parse(own.values[0] ?? '{}')).toMatchObject({ requestId: 'req-sec-a1' });
});

it("keeps partner A out of partner B's topic, the audit, requests, state and DLQ topics", async () => {
  const a = d.partner(d.partnerA);
  const t = d.topics;
  for (const topic of [
    shares(d.partnerB),
    t.audit,
    t.shareRequests,
    t.recipients,
    t.subjects,
    t.dlq,
  ]) {
    const read = await consume(a, topic, `${d.partnerA}:${uniqueName('probe')}`);
    expect([topic, read.errorType, read.values]).toEqual([topic, TOPIC_DENIED, []]);
    expect([topic, (await tryDescribe(d.broker, d.secrets, a, topic)).errorType]).toEqual([
      topic,
      TOPIC_DENIED,
    ]);
  }
});

it('lets partner A write nowhere but its acknowledgements, nor create topics', async () => {
  const a = d.partner(d.partnerA);
  const t = d.topics;
  const targets = [
    shares(d.partnerA),
    shares(d.partnerB),
    t.audit,
    t.shareRequests,
    acks(d.partnerB),
  ];
  for (const topic of [...targets, t.recipients, t.subjects, t.dlq]) {
    expect([topic, (await produce(a, topic)).errorType]).toEqual([topic, TOPIC_DENIED]);
  }
  const created = await tryCreateTopic(d.broker, d.secrets, a, shares('acme-2'));
  expect(created.errorType).toBe(TOPIC_DENIED);
});

it('lets a partner acknowledge its notices, and no other partner acknowledge for it', async () => {
  const [a, b] = [d.partner(d.partnerA), d.partner(d.partnerB)];
  const ack = JSON.stringify({
    noticeId: `nt-${'a'.repeat(26)}`,
    status: 'done',
    at: '2026-12-01T00:00:00Z',
  });
  // Its own topic, with an idempotent producer: WRITE implies IdempotentWrite (KIP-679).
  const own = await tryProduce(d.broker, d.secrets, a, acks(d.partnerA), ack, true);
  expect(own.errorType).toBeNull();
  // Partner B ("acme.eu", whose id extends A's) cannot write A's acknowledgements, nor A B's.
  const forged = await tryProduce(d.broker, d.secrets, b, acks(d.partnerA), ack, true);
  expect(forged.errorType).toBe(TOPIC_DENIED);
  expect((await produce(a, acks(d.partnerB))).errorType).toBe(TOPIC_DENIED);
  // Write-only: a partner reads no acknowledgements, not even its own.
  const readBack = await consume(a, acks(d.partnerA), `${d.partnerA}:${uniqueName('probe')}`);
  expect([readBack.errorType, readBack.values]).toEqual([TOPIC_DENIED, []]);
  // The auditor reads them in its groups, and writes none.
  const audited = await consume(
    FIXED_USERS.auditor,
    acks(d.partnerA),
    `onward-auditor-${uniqueName('acks')}`,
  );
  expect([audited.errorType, audited.values]).toEqual([null, [ack]]);
  expect((await produce(FIXED_USERS.auditor, acks(d.partnerA))).errorType).toBe(TOPIC_DENIED);
});

it("keeps partner A out of partner B's groups and the gateway's group", async () => {
  const a = d.partner(d.partnerA);
  // "acme:" does not cover "acme.eu:…": the separator is outside the recipient-id alphabet.
  for (const group of [`${d.partnerB}:reader`, `${d.partnerA}.eu:reader`, d.gatewayGroup]) {
    const joined = await consume(a, shares(d.partnerA), group);
    expect([group, joined.errorType, joined.values]).toEqual([group, GROUP_DENIED, []]);
  }
});

it('lets a producer publish requests and nothing else, and read nothing', async () => {
  const p = FIXED_USERS.producer;
  const t = d.topics;
  expect((await produce(p, t.shareRequests)).errorType).toBeNull();
  const targets = [shares(d.partnerA), t.audit, t.recipients, t.subjects, t.dlq];
  for (const topic of targets) {
    expect([topic, (await produce(p, topic)).errorType]).toEqual([topic, TOPIC_DENIED]);
    const read = await consume(p, topic, uniqueName('producer-probe'));
    expect([topic, read.errorType]).toEqual([topic, TOPIC_DENIED]);
  }
  // It may see its own topic's metadata (WRITE implies DESCRIBE) but joins no group to read it.
  for (const group of [uniqueName('producer-probe'), d.gatewayGroup]) {
    const read = await consume(p, t.shareRequests, group);
    expect([group, read.errorType, read.values]).toEqual([group, GROUP_DENIED, []]);
  }
});

it('lets the auditor read the audit, recipients and checkpoints topics only', async () => {
  const au = FIXED_USERS.auditor;
  const t = d.topics;
  expect((await consume(au, t.audit, `onward-auditor-${uniqueName('a')}`, 2)).errorType).toBeNull();
  expect(
    (await consume(au, t.recipients, `onward-verify-${uniqueName('a')}`)).errorType,
  ).toBeNull();
  // The witness's group; the gateway signed a checkpoint in each request's transaction.
  const signed = await consume(au, t.checkpoints, `onward-witness-${uniqueName('a')}`);
  expect([signed.errorType, signed.values[0]]).toEqual([null, expect.stringContaining(d.prefix)]);
  for (const topic of [t.shareRequests, t.subjects, t.dlq, shares(d.partnerA)]) {
    const read = await consume(au, topic, `onward-auditor-${uniqueName('a')}`);
    expect([topic, read.errorType]).toEqual([topic, TOPIC_DENIED]);
  }
  const joined = await consume(au, t.audit, d.gatewayGroup);
  expect(joined.errorType).toBe(GROUP_DENIED);
});

it('lets the auditor see whether recipients stamp log-append time, and no other config', async () => {
  const au = FIXED_USERS.auditor;
  const t = d.topics;
  const recipients = await tryDescribeConfigs(d.broker, d.secrets, au, t.recipients);
  expect([recipients.errorType, recipients.values]).toEqual([null, ['LogAppendTime']]);
  for (const topic of [t.subjects, t.audit, t.checkpoints]) {
    const described = await tryDescribeConfigs(d.broker, d.secrets, au, topic);
    expect([topic, described.errorType]).toEqual([topic, 'TOPIC_AUTHORIZATION_FAILED']);
  }
});

it("keeps the gateway's own reader groups to the gateway", async () => {
  // The gateway rebuilds chain tips and trees from its audit partitions in these groups.
  const t = d.topics;
  for (const stem of ['audit-tail', 'audit-tree']) {
    const group = `${d.gatewayGroup}.${stem}.${uniqueName('probe')}`;
    const own = await consume(FIXED_USERS.gateway, t.audit, group, 2);
    expect([group, own.errorType]).toEqual([group, null]);
    // The auditor may read the audit topic, but not in the gateway's groups.
    const other = await consume(FIXED_USERS.auditor, t.audit, group);
    expect([group, other.errorType]).toEqual([group, GROUP_DENIED]);
  }
});

it('lets nobody but the gateway append to the audit topic', async () => {
  const others = [
    FIXED_USERS.producer,
    FIXED_USERS.auditor,
    FIXED_USERS.compliance,
    FIXED_USERS.accounts,
    d.partner(d.partnerA),
    d.partner(d.partnerB),
  ];
  for (const user of others) {
    expect([user, (await produce(user, d.topics.audit)).errorType]).toEqual([user, TOPIC_DENIED]);
  }
  // Nor in the gateway's name: its transactional ids are its own.
  const txId = `${d.gatewayGroup}.${d.topics.shareRequests}.0`;
  const forged = await tryTransactionalProduce(
    d.broker,
    d.secrets,
    FIXED_USERS.producer,
    txId,
    d.topics.audit,
  );
  expect(forged.errorType).toBe('TRANSACTIONAL_ID_AUTHORIZATION_FAILED');
});

it('flags an audit event forged by the super-user once the gateway writes its next event', async () => {
  const last = audit
    .map((r) => ({ r, e: JSON.parse(r.value ?? 'null') as AuditEvent }))
    .find(({ e }) => e.requestId === 'req-sec-a1');
  if (!last) throw new Error('no audit event of req-sec-a1');
  // A perfectly chained forgery: the super-user can write anything and hash it right.
  const { hash: _hash, ...body } = last.e;
  const unhashed = { ...body, seq: last.e.seq + 1, prevHash: last.e.hash, requestId: 'req-forged' };
  const forged = { ...unhashed, hash: hashEvent(unhashed) };
  const producer = d.broker.admin().producer();
  await producer.connect();
  await producer.send({
    topic: topicNames(d.prefix).audit,
    acks: -1,
    messages: [{ key: d.learner, value: JSON.stringify(forged), partition: last.r.partition }],
  });
  await producer.disconnect();
  // The gateway's next events on that partition (same subject, same partition) link past it.
  await d.request('req-sec-a2', d.partnerA);
  await d.request('req-sec-a3', d.partnerA);
  const records = await d.readAsAdmin(
    d.topics.audit,
    (r) => r.some((x) => x.value?.includes('"req-sec-a3"')),
    'audit events after the forgery',
  );
  const alerts = chainAlerts(records.map((r) => ({ ...r, headers: {} })));
  const forgedRecord = records.find((r) => r.value?.includes('"req-forged"'));
  expect(alerts).toEqual([
    expect.objectContaining({ kind: 'inserted', seq: forged.seq, offset: forgedRecord?.offset }),
  ]);
});
