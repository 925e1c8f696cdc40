// asyncapi.yaml (repository root) describes exactly the topics, keys, headers and messages of
// libs/contracts: it parses as AsyncAPI 3, its channels are the topics of topicNames() plus the
// shares pattern, its payloads are the committed JSON Schemas, its examples are DESIGN §3's.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type AsyncAPIDocumentInterface,
  DiagnosticSeverity,
  fromFile,
  type MessageInterface,
  Parser,
} from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import {
  DEFAULT_TOPIC_PREFIX,
  DLQ_HEADERS,
  MESSAGE_TYPE_HEADER,
  noticeAckTopicFor,
  NoticeAckSchema,
  parseAuditEvent,
  parseRecipient,
  parseShare,
  parseShareRequest,
  parseSubjectProfile,
  type ParseResult,
  REJECTION_REASON_CODES,
  SHARE_HEADERS,
  shareTopicFor,
  topicNames,
  WIRE_MESSAGES,
} from '@app/contracts';
import {
  AUDIT_EVENT_JSON,
  example,
  RECIPIENT_JSON,
  SHARE_JSON,
  SHARE_REQUEST_JSON,
  SUBJECT_JSON,
} from './fixtures';

const ROOT = join(__dirname, '..', '..', '..');
const DOC_PATH = join(ROOT, 'asyncapi.yaml');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw YAML, walked freely
const raw: Record<string, any> = parseYaml(readFileSync(DOC_PATH, 'utf8'));
const SHARES_ADDRESS = shareTopicFor(DEFAULT_TOPIC_PREFIX, 'RID').replace(/RID$/, '{recipientId}');
const COMMITTED_READERS = [topicNames().audit, SHARES_ADDRESS];
const ACKS_ADDRESS = noticeAckTopicFor(DEFAULT_TOPIC_PREFIX, 'RID').replace(
  /RID$/,
  '{recipientId}',
);

const SCHEMA_DIR = join(__dirname, '..', 'schemas');
const DESIGN_EXAMPLES: [string, string][] = [
  ['ShareRequest', SHARE_REQUEST_JSON],
  ['Recipient', RECIPIENT_JSON],
  ['SubjectProfile', SUBJECT_JSON],
  ['Share', SHARE_JSON],
  ['AuditEvent', AUDIT_EVENT_JSON],
];
const PARSERS: Record<string, (input: string) => ParseResult<unknown>> = {
  ShareRequest: parseShareRequest,
  Recipient: parseRecipient,
  SubjectProfile: parseSubjectProfile,
  Share: parseShare,
  AuditEvent: parseAuditEvent,
};
// A partner's strict validator, on the committed files: what a consumer of the topic would run.
const partnerAjv = new Ajv({ allErrors: true, strictTypes: true, allowUnionTypes: true });
addFormats(partnerAjv);

/** Both verdicts on the same JSON text: the committed JSON Schema's and the contract parser's. */
function verdicts(name: string, payload: unknown): { schema: boolean; parser: boolean } {
  const { file } = WIRE_MESSAGES.find((m) => m.name === name)!;
  const validate = partnerAjv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')));
  const text = JSON.stringify(payload);
  return { schema: validate(JSON.parse(text)), parser: PARSERS[name](text).ok };
}

let document: AsyncAPIDocumentInterface;

beforeAll(async () => {
  const { document: parsed, diagnostics } = await fromFile(new Parser(), DOC_PATH).parse();
  const serious = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning);
  if (!parsed || serious.length > 0) {
    const lines = serious.map((d) => `${d.path.join('.')}: ${d.message}`);
    throw new Error(`asyncapi.yaml does not parse cleanly:\n${lines.join('\n')}`);
  }
  document = parsed;
});

const message = (name: string): MessageInterface => {
  const found = document.components().messages().get(name);
  if (!found) throw new Error(`no message ${name}`);
  return found;
};
const kafka = (bindings: { get(name: string): { value(): unknown } | undefined }) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- binding shapes are free
  (bindings.get('kafka')?.value() ?? {}) as Record<string, any>;

describe('asyncapi.yaml', () => {
  it('is AsyncAPI 3.0.0, with no error or warning from @asyncapi/parser', () => {
    expect(document.version()).toBe('3.0.0');
  });

  it('has one channel per topic of topicNames() and one for privacy.shares.{recipientId}', () => {
    const addresses = document
      .channels()
      .all()
      .map((c) => c.address());
    expect([...addresses].sort()).toEqual(
      [...Object.values(topicNames()), SHARES_ADDRESS, ACKS_ADDRESS].sort(),
    );
    const shares = document
      .channels()
      .all()
      .find((c) => c.address() === SHARES_ADDRESS);
    expect(
      shares
        ?.parameters()
        .all()
        .map((p) => p.id()),
    ).toEqual(['recipientId']);
  });

  it('says the prefix is configurable, on the document and on every channel', () => {
    expect(document.info().description()).toContain('ONWARD_TOPIC_PREFIX');
    for (const channel of document.channels().all()) {
      expect([channel.address(), channel.description()]).toEqual([
        channel.address(),
        expect.stringContaining('ONWARD_TOPIC_PREFIX'),
      ]);
    }
  });

  it('gives each topic the cleanup policy of DESIGN §2', () => {
    const t = topicNames();
    const policies = Object.fromEntries(
      document
        .channels()
        .all()
        .map((c) => [c.address(), kafka(c.bindings()).topicConfiguration]),
    );
    expect(policies).toEqual({
      [t.shareRequests]: { 'cleanup.policy': ['delete'] },
      [t.recipients]: { 'cleanup.policy': ['compact'] },
      [t.subjects]: { 'cleanup.policy': ['compact'] },
      [SHARES_ADDRESS]: { 'cleanup.policy': ['delete'] },
      [ACKS_ADDRESS]: { 'cleanup.policy': ['delete'] },
      [t.audit]: { 'cleanup.policy': ['delete'], 'retention.ms': -1 },
      [t.dlq]: { 'cleanup.policy': ['delete'] },
      [t.checkpoints]: { 'cleanup.policy': ['delete'], 'retention.ms': -1 },
    });
  });

  it('points each message payload at the committed JSON Schema of that message', () => {
    for (const { name, file } of WIRE_MESSAGES) {
      const ref: string = raw.components.messages[name].payload.schema.$ref;
      expect(resolve(ROOT, ref)).toBe(join(SCHEMA_DIR, file));
      expect(existsSync(resolve(ROOT, ref))).toBe(true);
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
      const payload = message(name).payload();
      expect(Object.keys(payload?.properties() ?? {})).toEqual(Object.keys(schema.properties));
    }
  });

  it('gives NoticeAck the payload schema of the contract’s TypeBox definition', () => {
    // JSON round trip: the plain JSON Schema, without TypeBox's symbol-keyed markers.
    // The contract's `utc-timestamp` format is published as date-time, as in the JSON Schemas.
    const json = JSON.stringify(NoticeAckSchema).replace(/"utc-timestamp"/g, '"date-time"');
    const { $id: _id, ...schema } = JSON.parse(json);
    const { description: _d, ...documented } = raw.components.schemas.NoticeAck;
    expect(documented).toEqual(schema);
  });

  it('declares a Kafka key on every message', () => {
    for (const m of document.components().messages().all()) {
      expect([m.id(), kafka(m.bindings()).key]).toEqual([m.id(), expect.anything()]);
    }
  });

  it('gives shares the headers of SHARE_HEADERS and the DLQ those of DLQ_HEADERS', () => {
    type Headers = { properties: Record<string, { pattern?: string }>; required?: string[] };
    const headers = (name: string) => message(name).headers()?.json() as Headers;
    expect(Object.keys(headers('Share').properties)).toEqual([
      MESSAGE_TYPE_HEADER,
      ...Object.values(SHARE_HEADERS),
    ]);
    expect(Object.keys(headers('SubjectNotice').properties)).toEqual([
      MESSAGE_TYPE_HEADER,
      'onward.notice-id',
    ]);
    expect(headers('Share').required).toEqual([SHARE_HEADERS.shareId, SHARE_HEADERS.policyVersion]);
    const dlq = headers('RefusedShareRequest');
    expect(Object.keys(dlq.properties)).toEqual(Object.values(DLQ_HEADERS));
    expect(dlq.required).toEqual(Object.values(DLQ_HEADERS));
    const errorPattern = new RegExp(dlq.properties[DLQ_HEADERS.error].pattern ?? '');
    for (const code of REJECTION_REASON_CODES) expect(`${code}: x`).toMatch(errorPattern);
  });

  it('lists who sends and who receives on each topic', () => {
    const t = topicNames();
    const roles = document
      .operations()
      .all()
      .map((op) => {
        const who = op
          .tags()
          .all()
          .map((tag) => tag.name());
        return `${who} ${op.action()} ${op.channels().all()[0].address()}`;
      });
    expect(roles.sort()).toEqual(
      [
        `producer send ${t.shareRequests}`,
        `compliance send ${t.recipients}`,
        `account-service send ${t.subjects}`,
        `gateway receive ${t.shareRequests}`,
        `gateway receive ${t.recipients}`,
        `gateway receive ${t.subjects}`,
        `gateway send ${SHARES_ADDRESS}`,
        `gateway send ${t.audit}`,
        `gateway send ${t.dlq}`,
        `partner receive ${SHARES_ADDRESS}`,
        `auditor receive ${t.audit}`,
        `gateway send ${t.checkpoints}`,
        `auditor receive ${t.checkpoints}`,
        `partner send ${ACKS_ADDRESS}`,
        `auditor receive ${ACKS_ADDRESS}`,
      ].sort(),
    );
  });

  it('has every consumer of shares and audit read with isolation.level=read_committed', () => {
    const readers = document
      .operations()
      .all()
      .filter((op) => op.isReceive())
      .filter((op) => COMMITTED_READERS.includes(op.channels().all()[0].address() ?? ''));
    expect(readers.map((op) => op.id()).sort()).toEqual([
      'auditorReceiveAuditEvents',
      'partnerReceiveShares',
    ]);
    for (const op of readers) {
      expect(kafka(op.bindings())['x-isolation-level']).toBe('read_committed');
      expect(op.description()).toContain('read_committed');
    }
    expect(document.info().description()).toContain('isolation.level=read_committed');
  });

  it('shows the examples of DESIGN §3, which pass the JSON Schema and the parser', () => {
    for (const [name, json] of DESIGN_EXAMPLES) {
      const examples = message(name).examples().all();
      expect(examples.map((e) => e.payload())).toEqual([example(json)]);
      expect(verdicts(name, examples[0].payload())).toEqual({ schema: true, parser: true });
    }
  });

  it('shows share headers that pass its headers schema', () => {
    const share = message('Share');
    const [shown] = share.examples().all();
    const validate = new Ajv({ strict: false }).compile(share.headers()?.json() ?? {});
    expect(validate(shown.headers())).toBe(true);
    expect(shown.headers()?.[SHARE_HEADERS.shareId]).toBe(example(DESIGN_EXAMPLES[3][1]).shareId);
  });
});
