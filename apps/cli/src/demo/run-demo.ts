import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import {
  DEFAULT_TOPIC_PREFIX,
  topicNames,
  type AuditEvent,
  type SubjectProfile,
} from '@app/contracts';
import { auditorLines } from './demo-auditor';
import { auditorNoticeLine, eraseAndAcknowledge, noticeLines } from './demo-notices';
import { DemoKafka } from './demo-kafka';
import { demoRecipients } from './demo-recipients';
import { demoRequests, purposesIn } from './demo-requests';
import { DemoError, type DemoSettings } from './demo-settings';
import { demoSubjects } from './demo-subjects';
import { countEvent, newTally, type DemoTally } from './demo-tally';
import { DemoView } from './demo-view';

/** The learner the demo erases once its requests are decided (issue 14). */
const ERASED_IN_DEMO = 'demo-eu-resident';

/** Options of one demo run. */
export interface DemoOptions {
  /** Well-formed share requests to publish (two malformed ones are added). */
  requests: number;
  /** Requests published per second: a stream a newcomer can watch, not one burst. */
  perSecond: number;
  /** Give up when no audit event of the run arrives for this long. */
  waitMs: number;
  out: Writable;
  /** Redraw the summary in place (a terminal) and colour it. */
  live: boolean;
  color: boolean;
}

/**
 * `onward demo`: registers the demo's recipients and learners, publishes a stream of share
 * requests, follows their audit events and prints a live summary, then points at the auditor.
 * Resolves to the tally; throws DemoError when the gateway does not answer.
 */
export async function runDemo(settings: DemoSettings, options: DemoOptions): Promise<DemoTally> {
  const { out } = options;
  const now = new Date();
  const runId = `${now.getTime().toString(36)}${randomBytes(2).toString('hex')}`;
  const topics = topicNames(settings.prefix);
  out.write(`onward demo · run ${runId} · Kafka ${settings.brokers.join(',')}\n`);
  const kafka = await DemoKafka.connect(settings.brokers, settings.sasl);
  try {
    const needed = [topics.shareRequests, topics.recipients, topics.subjects, topics.audit];
    if (!(await kafka.topicsExist(needed, options.waitMs))) {
      throw new DemoError(
        `${topics.shareRequests} and the other gateway topics do not exist: is \`npm start\` running?`,
      );
    }
    const recipients = demoRecipients(now);
    const subjects = demoSubjects(now);
    await kafka.publish(
      topics.recipients,
      recipients.map((r) => keyed(r.recipientId, r)),
    );
    await kafka.publish(
      topics.subjects,
      subjects.map((s) => keyed(s.subjectId, s)),
    );
    const kinds = new Set(recipients.map((r) => r.kind)).size;
    const suspended = recipients.filter((r) => r.status === 'suspended').map((r) => r.recipientId);
    out.write(
      `registered ${recipients.length} recipients of ${kinds} kinds (${suspended.join(', ')} suspended) and ${subjects.length} learners\n`,
    );

    const records = demoRequests(runId, options.requests, now.toISOString());
    const malformed = records.length - options.requests;
    out.write(
      `publishing ${records.length} share requests across ${purposesIn(options.requests)} purposes (${malformed} malformed) to ${topics.shareRequests}\n\n`,
    );
    const view = new DemoView({
      out,
      live: options.live,
      color: options.color,
      total: records.length,
      sharesTopic: `${settings.prefix}shares.<recipientId>`,
      dlqTopic: topics.dlq,
    });
    const started = Date.now();
    const { tally, lastSeqs, sharedWith } = await follow(
      kafka,
      topics.audit,
      runId,
      records.length,
      options,
      {
        onEvent: (t) => view.update(t, Date.now() - started),
        publish: () => kafka.publish(topics.shareRequests, records, options.perSecond),
      },
    );
    view.finish(tally, Date.now() - started);
    out.write('\n');
    for (const line of await auditorLines(settings, lastSeqs, 15_000)) out.write(`${line}\n`);
    await eraseOne(kafka, settings, subjects, sharedWith, options);
    out.write(`every decision is in ${topics.audit}; check its hash chains with\n`);
    out.write(`  ${verifyCommand(settings)}\n`);
    return tally;
  } finally {
    await kafka.close();
  }
}

function verifyCommand({ brokers, prefix }: DemoSettings): string {
  const custom = prefix === DEFAULT_TOPIC_PREFIX ? '' : ` ONWARD_TOPIC_PREFIX=${prefix}`;
  return `KAFKA_BROKERS=${brokers.join(',')}${custom} npm run --silent onward -- verify`;
}

function keyed(key: string, value: object) {
  return { key, value: JSON.stringify(value) };
}

/**
 * Starts reading the audit topic at its current end, runs `publish`, and resolves when an
 * event of every request has arrived; rejects when none arrives for `waitMs`.
 */
async function follow(
  kafka: DemoKafka,
  auditTopic: string,
  runId: string,
  total: number,
  options: DemoOptions,
  hooks: { onEvent: (tally: DemoTally) => void; publish: () => Promise<void> },
): Promise<{ tally: DemoTally; lastSeqs: Map<number, number>; sharedWith: Set<string> }> {
  const tally = newTally();
  const lastSeqs = new Map<number, number>();
  const sharedWith = new Set<string>();
  const seen = new Set<string>();
  let lastProgress = Date.now();
  let settle: (error?: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const onEvent = (event: AuditEvent) => {
    seen.add(event.requestId!);
    countEvent(tally, event);
    if (event.decision === 'allow' && event.subjectId === ERASED_IN_DEMO && event.recipientId) {
      sharedWith.add(event.recipientId);
    }
    lastSeqs.set(event.partition, Math.max(event.seq, lastSeqs.get(event.partition) ?? -1));
    lastProgress = Date.now();
    hooks.onEvent(tally);
    if (seen.size >= total) settle();
  };
  await kafka.follow(auditTopic, await kafka.endOffsets(auditTopic), `demo-${runId}-`, onEvent);
  await hooks.publish();
  lastProgress = Date.now();
  const idle = setInterval(() => {
    if (Date.now() - lastProgress <= options.waitMs) return;
    const seconds = Math.round(options.waitMs / 1000);
    settle(
      new DemoError(
        `no audit event for ${seconds} s (${seen.size}/${total} decided): is the gateway running (\`npm start\`)?`,
      ),
    );
  }, 200);
  try {
    await done;
  } finally {
    clearInterval(idle);
  }
  return { tally, lastSeqs, sharedWith };
}

/** Erases one learner and shows the notices to its recipients, an ack and the auditor's view. */
async function eraseOne(
  kafka: DemoKafka,
  settings: DemoSettings,
  subjects: SubjectProfile[],
  sharedWith: ReadonlySet<string>,
  options: DemoOptions,
): Promise<void> {
  const subject = subjects.find((s) => s.subjectId === ERASED_IN_DEMO);
  if (!subject) return;
  const waitMs = Math.min(options.waitMs, 15_000);
  const step = await eraseAndAcknowledge(kafka, settings, subject, sharedWith, waitMs);
  options.out.write('\n');
  for (const line of noticeLines(step)) options.out.write(`${line}\n`);
  options.out.write(`${await auditorNoticeLine(settings, step, 15_000)}\n`);
}
