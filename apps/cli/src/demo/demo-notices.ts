import {
  type AuditEvent,
  noticeAckTopicFor,
  type NoticeAck,
  type SubjectProfile,
  topicNames,
} from '@app/contracts';
import type { DemoKafka } from './demo-kafka';
import type { DemoSettings } from './demo-settings';

const POLL_MS = 250;

/** What the erasure step saw: each notice's audit event, and the acknowledgement written. */
export interface NoticeStep {
  subjectId: string;
  /** Recipients that received the learner's data in this run (each must be told). */
  expected: string[];
  notices: AuditEvent[];
  acknowledged: { recipientId: string; noticeId: string; topic: string } | null;
}

/**
 * Issue 14 in one step: the account service erases `subject`; the gateway tells every
 * recipient that had the learner's data (a `notice.sent` audit event per notice); the first of
 * them acknowledges on its own `notice-acks` topic, as a partner would. Waits for a notice to
 * each of `expected` (recipients from earlier runs may be told too) or `waitMs` without one.
 */
export async function eraseAndAcknowledge(
  kafka: DemoKafka,
  settings: DemoSettings,
  subject: SubjectProfile,
  expected: ReadonlySet<string>,
  waitMs: number,
): Promise<NoticeStep> {
  const topics = topicNames(settings.prefix);
  const notices: AuditEvent[] = [];
  const from = await kafka.endOffsets(topics.audit);
  const mine = (e: AuditEvent) => e.type === 'notice.sent' && e.subjectId === subject.subjectId;
  await kafka.followWhere(topics.audit, from, mine, (e) => notices.push(e));
  const erased = { ...subject, erased: true };
  await kafka.publish(topics.subjects, [{ key: subject.subjectId, value: JSON.stringify(erased) }]);
  const told = () => new Set(notices.map((n) => n.recipientId));
  let last = Date.now();
  let seen = 0;
  while ([...expected].some((r) => !told().has(r)) && Date.now() - last <= waitMs) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (notices.length > seen) [seen, last] = [notices.length, Date.now()];
  }
  const step = { subjectId: subject.subjectId, expected: [...expected].sort(), notices };
  const first = notices.find((n) => n.notice !== undefined && n.recipientId !== null);
  if (!first?.notice || !first.recipientId) return { ...step, acknowledged: null };
  const topic = noticeAckTopicFor(settings.prefix, first.recipientId);
  // A secured deployment makes the topic with `access partner add`; locally the demo does.
  if (!(await kafka.ensureTopic(topic))) return { ...step, acknowledged: null };
  const ack: NoticeAck = {
    noticeId: first.notice.noticeId,
    status: 'done',
    note: 'demo: learner record and backups deleted',
    at: new Date().toISOString(),
  };
  await kafka.publish(topic, [{ key: ack.noticeId, value: JSON.stringify(ack) }]);
  const acknowledged = { recipientId: first.recipientId, noticeId: ack.noticeId, topic };
  return { ...step, acknowledged };
}

/** The step as lines to print: who was told what, and the acknowledgement. */
export function noticeLines(step: NoticeStep): string[] {
  if (step.notices.length === 0) {
    return [
      `erased ${step.subjectId}: no notice arrived (does this gateway send notices? issue 14)`,
    ];
  }
  const lines = [
    `erased ${step.subjectId}: ${step.notices.length} notice(s), one per recipient that had the data`,
  ];
  for (const n of step.notices) {
    const what = n.notice ? `${n.notice.kind} of ${n.notice.purposes.join(', ')}` : '';
    lines.push(`  → ${n.recipientId}: ${what} (${n.categoriesShared.join(', ')})`);
  }
  const missing = step.expected.filter((r) => !step.notices.some((n) => n.recipientId === r));
  if (missing.length > 0) lines.push(`  not told (yet): ${missing.join(', ')}`);
  const a = step.acknowledged;
  lines.push(
    a
      ? `${a.recipientId} acknowledged ${a.noticeId} (done) on ${a.topic}`
      : 'no acknowledgement written (the demo may not create notice-acks topics here)',
  );
  return lines;
}

interface SubjectNotices {
  notices: { noticeId: string; recipientId: string; answer: { status: string } | null }[];
}

/**
 * What the auditor says of the step: once it has read the acknowledgement, the notice shows
 * as confirmed in the subject's notices. The auditor is a viewer: absent, the demo goes on.
 */
export async function auditorNoticeLine(
  settings: DemoSettings,
  step: NoticeStep,
  timeoutMs: number,
): Promise<string> {
  const { auditorUrl: url, token } = settings;
  const page = `${url}/ui/notices?subjectId=${encodeURIComponent(step.subjectId)}`;
  if (!step.acknowledged || !token) return `notices and acknowledgements: ${page}`;
  const { noticeId, recipientId } = step.acknowledged;
  const path = `${url}/api/subjects/${encodeURIComponent(step.subjectId)}/notices`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() <= deadline) {
    const response = await fetch(path, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(2000),
    }).catch(() => null);
    const report = response?.ok ? ((await response.json()) as SubjectNotices) : null;
    const notice = report?.notices.find((n) => n.noticeId === noticeId);
    if (notice?.answer?.status === 'done') {
      return `auditor: ${recipientId} confirmed the erasure; see ${page}`;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return `auditor: has not read the acknowledgement yet; see ${page}`;
}
