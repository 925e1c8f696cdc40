// What every fault test ends with: nothing lost, doubled or leaked, checked on what a
// read_committed consumer of the gateway's topics sees and on the auditor's store.
import { MESSAGE_TYPE_HEADER, sha256Digest, type AuditEvent, type Share } from '@app/contracts';
import type { RunningAuditor } from '../../support/auditor/auditor-process';
import { waitForRecords } from '../../support/auditor/auditor-process';
import { chainAlerts } from '../../support/chain';
import type { GatewayHarness } from '../../support/gateway-harness';
import { waitFor } from '../../support/wait-for';
import { instructor, optsOutDuringFault, partner, type WorkItem } from './fault-workload';

/** Counts for the test log. */
export interface Outcome {
  auditEvents: number;
  allowed: number;
  shares: number;
  dlq: number;
  optOutsHonoured: number;
  notices: number;
}

/**
 * Asserts the end checks: one audit event per request with the expected decision
 * (opt-outs written during the fault honoured from `optOutBoundary` on), one share per allowed
 * decision and none without its event, every malformed record once in the DLQ with one
 * `request.rejected`, chains that verify, and an auditor whose store holds the same chains.
 */
export async function expectNothingLost(
  harness: GatewayHarness,
  items: WorkItem[],
  optOutBoundary: number,
  auditor: RunningAuditor,
): Promise<Outcome> {
  await harness.awaitAllDecided(240_000);
  // A notice of an opt-out can trail the last decision: wait for them (bounded; a missing one
  // is then named by the assertion), and read the chains' lengths again after them.
  await waitFor(() => (unnoticed(harness.auditEvents()).length === 0 ? true : null), {
    timeoutMs: 60_000,
    what: 'a notice for every opt-out during the fault',
  }).catch(() => undefined);
  const lengths = await harness.awaitAllDecided(60_000);
  const events = harness.auditEvents();
  const audit = harness.on(harness.topics.audit);
  console.log(
    `${harness.prefix} ${JSON.stringify(await diagnose(harness, items, events, lengths))}`,
  );

  // Exactly one decision event per request, with the decision it must have; the opt-outs
  // written during the fault also put notice.sent events in the chains (checked below).
  const notices = events.filter((e) => e.type === 'notice.sent');
  const decisions = events.filter((e) => e.type !== 'notice.sent');
  expect([...lengths.values()].reduce((a, b) => a + b, 0)).toBe(items.length + notices.length);
  expect(decisions).toHaveLength(items.length);
  const byRequest = new Map<string, AuditEvent[]>();
  for (const e of decisions)
    byRequest.set(e.requestId ?? '', [...(byRequest.get(e.requestId ?? '') ?? []), e]);
  let optOutsHonoured = 0;
  for (const item of items.filter((i) => i.requestId !== null)) {
    const found = byRequest.get(item.requestId ?? '') ?? [];
    expect(found.map((e) => e.requestId)).toEqual([item.requestId]);
    const event = found[0];
    if (item.expected !== 'optOut') {
      expect({ requestId: item.requestId, decision: event.decision }).toEqual({
        requestId: item.requestId,
        decision: item.expected,
      });
    } else if (item.index >= optOutBoundary) {
      // Consumed after the opt-out was acknowledged: the consent barrier must honour it.
      const codes = event.reasons.map((r) => r.code);
      expect({
        requestId: item.requestId,
        decision: event.decision,
        optedOut: codes.includes('SUBJECT_OPTED_OUT'),
      }).toEqual({
        requestId: item.requestId,
        decision: 'deny',
        optedOut: true,
      });
      optOutsHonoured += 1;
    } else {
      expect(['allow', 'deny']).toContain(event.decision);
    }
  }
  expect(optOutsHonoured).toBeGreaterThan(0);

  // Malformed records: each once in the DLQ, each with one request.rejected event.
  const malformed = items.filter((i) => i.expected === 'reject').length;
  const dlq = harness.on(harness.topics.dlq);
  expect(dlq).toHaveLength(malformed);
  const sources = new Set(
    dlq.map((r) => `${r.headers['onward.source.partition']}@${r.headers['onward.source.offset']}`),
  );
  expect(sources.size).toBe(malformed);
  expect(events.filter((e) => e.type === 'request.rejected')).toHaveLength(malformed);

  // One share per allowed decision, each the one its audit event describes.
  const allowed = events.filter((e) => e.decision === 'allow');
  const shareTopics = [instructor, partner].map((r) => `${harness.prefix}shares.${r.recipientId}`);
  // Bounded wait for the reader, then an assertion that names what is missing.
  await waitFor(
    () => harness.records.filter((r) => shareTopics.includes(r.topic)).length >= allowed.length,
    {
      timeoutMs: 60_000,
      what: 'every share',
    },
  ).catch(() => undefined);
  const onShareTopics = harness.records.filter((r) => shareTopics.includes(r.topic));
  const isNotice = (r: (typeof onShareTopics)[number]) =>
    r.headers[MESSAGE_TYPE_HEADER] === 'notice';
  const shareRecords = onShareTopics.filter((r) => !isNotice(r));
  expectNoticesExactlyOnce(decisions, notices, onShareTopics.filter(isNotice));
  const delivered = new Set(
    shareRecords.map((r) => (JSON.parse(r.value ?? '{}') as Share).shareId),
  );
  const undelivered = allowed.filter((e) => !delivered.has(e.shareId ?? ''));
  expect({
    undelivered: undelivered.length,
    sample: undelivered.slice(0, 3).map((e) => `${e.requestId} p${e.partition} seq ${e.seq}`),
  }).toEqual({ undelivered: 0, sample: [] });
  const shares = shareRecords.map((r) => JSON.parse(r.value ?? '{}') as Share);
  expect(shares).toHaveLength(allowed.length);
  expect(new Set(shares.map((s) => s.shareId)).size).toBe(shares.length);
  for (const share of shares) {
    const event = byRequest.get(share.requestId)?.[0];
    expect({ shareId: event?.shareId, digest: event?.payloadDigest }).toEqual({
      shareId: share.shareId,
      digest: sha256Digest(share),
    });
  }

  // Chains: seq 0..n-1 in every partition, every hash verified by the contracts' verifier.
  expect(chainAlerts(audit)).toEqual([]);
  for (const [partition, length] of lengths) {
    const seqs = events.filter((e) => e.partition === partition).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length }, (_, i) => i));
  }

  // The auditor's store: the same number of events per partition, verified, ending in the same hash.
  const partitions = [...lengths.keys()].sort((a, b) => a - b);
  const report = await waitForRecords(
    auditor,
    partitions.map((p) => lengths.get(p) ?? 0),
  );
  expect(report.status).toBe('green');
  for (const p of partitions) {
    const last = events.filter((e) => e.partition === p).pop();
    expect(report.partitions[p]).toMatchObject({
      partition: p,
      status: 'green',
      eventsVerified: lengths.get(p),
      lastVerifiedHash: last?.hash ?? null,
    });
  }
  return {
    auditEvents: events.length,
    notices: notices.length,
    allowed: allowed.length,
    shares: shares.length,
    dlq: dlq.length,
    optOutsHonoured,
  };
}

/** Where a count went wrong: input records, per-partition chains, missing and repeated ids. */
async function diagnose(
  harness: GatewayHarness,
  items: WorkItem[],
  events: AuditEvent[],
  lengths: Map<number, number>,
): Promise<Record<string, unknown>> {
  const admin = harness.kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(harness.topics.shareRequests);
  await admin.disconnect();
  const ids = new Map<string, number>();
  for (const e of events) ids.set(e.requestId ?? '', (ids.get(e.requestId ?? '') ?? 0) + 1);
  const missing = items.filter((i) => i.requestId !== null && !ids.has(i.requestId));
  const partitions = [...lengths.keys()].map((p) => {
    const seqs = events.filter((e) => e.partition === p).map((e) => e.seq);
    return { p, chain: lengths.get(p), read: seqs.length, distinctSeqs: new Set(seqs).size };
  });
  return {
    inputRecords: ends.reduce((n, e) => n + Number(e.high) - Number(e.low), 0),
    partitions,
    missing: missing.length,
    missingSample: missing.slice(0, 3).map((i) => `${i.requestId}#${i.index}`),
    repeated: [...ids].filter(([, n]) => n > 1).length,
    repeatedSample: [...ids].filter(([, n]) => n > 1).slice(0, 3),
  };
}

/**
 * The opt-outs written during the fault must reach exactly the partner that already had the
 * subject's data for marketing: one notice per such subject (a share decided before the
 * opt-out is indexed before the opt-out is planned; one decided after is denied), none for the
 * others, each notice record on the partner's topic once, and nothing to the instructor.
 */
function expectNoticesExactlyOnce(
  decisions: AuditEvent[],
  notices: AuditEvent[],
  noticeRecords: { topic: string; key: string | null; value: string | null }[],
): void {
  expect(notices.map((e) => e.subjectId).sort()).toEqual(noticeSubjects(decisions));
  for (const e of notices) {
    expect({
      recipient: e.recipientId,
      kind: e.notice?.kind,
      purposes: e.notice?.purposes,
    }).toEqual({ recipient: partner.recipientId, kind: 'stop_purpose', purposes: ['marketing'] });
  }
  const ids = noticeRecords.map((r) => JSON.parse(r.value ?? '{}').noticeId as string);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual(notices.map((e) => e.notice?.noticeId).sort());
  expect(noticeRecords.every((r) => r.topic.endsWith(`shares.${partner.recipientId}`))).toBe(true);
}

/** The subjects that opt out during the fault after the partner had their data, sorted. */
function noticeSubjects(decisions: AuditEvent[]): (string | null)[] {
  const hadMarketing = decisions
    .filter((e) => e.decision === 'allow' && e.recipientId === partner.recipientId)
    .map((e) => e.subjectId);
  return [...new Set(hadMarketing)].filter(isDuringFault).sort();
}

/** Subjects owed a notice that no notice.sent event names yet. */
function unnoticed(events: AuditEvent[]): (string | null)[] {
  const told = new Set(events.filter((e) => e.type === 'notice.sent').map((e) => e.subjectId));
  return noticeSubjects(events.filter((e) => e.type !== 'notice.sent')).filter((s) => !told.has(s));
}

function isDuringFault(subject: string | null): boolean {
  return optsOutDuringFault(Number((subject ?? '').slice('fault-s-'.length)));
}
