// The committed JSON Schemas and the contracts' parse functions agree on the examples of
// DESIGN §3 and their variants, and on named invalid messages. Where JSON Schema cannot say
// what the parser checks, the gap is pinned here and stated in the schemas' descriptions.
import {
  ajv,
  changed,
  denied,
  LONG,
  SCHEMAS,
  VALID_VARIANTS,
  VALIDATORS,
  verdicts,
} from './json-schema.support';
import {
  AUDIT_EVENT_JSON,
  type Message,
  RECIPIENT_JSON,
  SHARE_JSON,
  SHARE_REQUEST_JSON,
  SUBJECT_JSON,
} from './fixtures';

describe('the examples of DESIGN §3 and their variants', () => {
  it.each(VALID_VARIANTS)('%s (%s) passes the JSON Schema and the parser', (name, _what, m) => {
    const validate = VALIDATORS[name];
    expect([validate(m) ? 'valid' : ajv.errorsText(validate.errors)]).toEqual(['valid']);
    expect(verdicts(name, m)).toEqual({ schema: true, parser: true });
  });
});

const INVALID: [string, string, Message][] = [
  ['ShareRequest', 'an unknown property', changed(SHARE_REQUEST_JSON, (m) => (m.priority = 1))],
  [
    'ShareRequest',
    'an unknown property in legalBasis',
    changed(SHARE_REQUEST_JSON, (m) => (m.legalBasis.court = 'SDNY')),
  ],
  ['ShareRequest', 'no requestId', changed(SHARE_REQUEST_JSON, (m) => delete m.requestId)],
  ['ShareRequest', 'no data', changed(SHARE_REQUEST_JSON, (m) => delete m.data)],
  ['ShareRequest', 'a null courseId', changed(SHARE_REQUEST_JSON, (m) => (m.courseId = null))],
  [
    'ShareRequest',
    'a 129-character requestId',
    changed(SHARE_REQUEST_JSON, (m) => (m.requestId = LONG(129))),
  ],
  [
    'ShareRequest',
    'a 65-character producer',
    changed(SHARE_REQUEST_JSON, (m) => (m.producer = LONG(65))),
  ],
  ['ShareRequest', 'data as an array', changed(SHARE_REQUEST_JSON, (m) => (m.data = []))],
  [
    'ShareRequest',
    'a __proto__ key deep in data',
    changed(SHARE_REQUEST_JSON, (m) => (m.data.grades = JSON.parse('[{"__proto__":{"a":1}}]'))),
  ],
  [
    'ShareRequest',
    'a local-time timestamp',
    changed(SHARE_REQUEST_JSON, (m) => (m.requestedAt = '2026-03-01T11:00:00+01:00')),
  ],
  ['Recipient', 'a wrong kind', changed(RECIPIENT_JSON, (m) => (m.kind = 'university'))],
  ['Recipient', 'a wrong status', changed(RECIPIENT_JSON, (m) => (m.status = 'paused'))],
  [
    'Recipient',
    'a wrong mechanism type',
    changed(RECIPIENT_JSON, (m) => (m.transferMechanisms[0].type = 'bcr')),
  ],
  [
    'Recipient',
    'an unknown property in a mechanism',
    changed(RECIPIENT_JSON, (m) => (m.transferMechanisms[0].scope = 'all')),
  ],
  ['Recipient', 'no recipientId', changed(RECIPIENT_JSON, (m) => delete m.recipientId)],
  [
    'Recipient',
    'a contractor without fields',
    changed(RECIPIENT_JSON, (m) => {
      m.kind = 'contractor';
      delete m.fields;
    }),
  ],
  [
    'Recipient',
    'a recipientId unfit for a topic name',
    changed(RECIPIENT_JSON, (m) => (m.recipientId = 'univ/stanford')),
  ],
  [
    'Recipient',
    'a repeated purpose',
    changed(RECIPIENT_JSON, (m) => m.purposes.push(m.purposes[0])),
  ],
  ['Recipient', 'a three-letter country', changed(RECIPIENT_JSON, (m) => (m.country = 'USA'))],
  ['SubjectProfile', 'no erased', changed(SUBJECT_JSON, (m) => delete m.erased)],
  ['SubjectProfile', 'no optOuts', changed(SUBJECT_JSON, (m) => delete m.optOuts)],
  ['SubjectProfile', 'erased as a string', changed(SUBJECT_JSON, (m) => (m.erased = 'false'))],
  [
    'SubjectProfile',
    'a 29 February of 2023',
    changed(SUBJECT_JSON, (m) => (m.birthDate = '2023-02-29')),
  ],
  [
    'SubjectProfile',
    'a German state residence',
    changed(SUBJECT_JSON, (m) => (m.residence = 'DE-BY')),
  ],
  [
    'SubjectProfile',
    'an unknown property in a consent',
    changed(SUBJECT_JSON, (m) => (m.consents[0].scope = 'all')),
  ],
  ['Share', 'an event id as shareId', changed(SHARE_JSON, (m) => (m.shareId = `ev-${LONG(26)}`))],
  ['Share', 'an unknown property in policy', changed(SHARE_JSON, (m) => (m.policy.name = 'x'))],
  ['Share', 'no policy', changed(SHARE_JSON, (m) => delete m.policy)],
  [
    'Share',
    'an upper-case digest',
    changed(SHARE_JSON, (m) => (m.policy.digest = m.policy.digest.toUpperCase())),
  ],
  ['AuditEvent', 'a wrong type', changed(AUDIT_EVENT_JSON, (m) => (m.type = 'share.maybe'))],
  [
    'AuditEvent',
    'a decision its type does not imply',
    changed(AUDIT_EVENT_JSON, (m) => (m.type = 'share.denied')),
  ],
  ['AuditEvent', 'no shareId when allowed', changed(AUDIT_EVENT_JSON, (m) => (m.shareId = null))],
  [
    'AuditEvent',
    'a shareId when denied',
    changed(AUDIT_EVENT_JSON, (m) => {
      const shareId = m.shareId;
      denied(m);
      m.shareId = shareId;
    }),
  ],
  [
    'AuditEvent',
    'a made-up reason code',
    changed(AUDIT_EVENT_JSON, (m) => (m.reasons[0].code = 'MADE_UP')),
  ],
  [
    'AuditEvent',
    'adequacy without a country',
    changed(AUDIT_EVENT_JSON, (m) => (m.transferMechanism = { basis: 'adequacy' })),
  ],
  [
    'AuditEvent',
    'a contract without a reference',
    changed(AUDIT_EVENT_JSON, (m) => (m.transferMechanism = { basis: 'contract' })),
  ],
  ['AuditEvent', 'no prevHash', changed(AUDIT_EVENT_JSON, (m) => delete m.prevHash)],
  ['AuditEvent', 'a negative partition', changed(AUDIT_EVENT_JSON, (m) => (m.partition = -1))],
  ['AuditEvent', 'a fractional seq', changed(AUDIT_EVENT_JSON, (m) => (m.seq = 1.5))],
];

describe('invalid messages', () => {
  it.each(INVALID)('%s with %s is refused by the JSON Schema and the parser', (name, _w, m) => {
    expect(verdicts(name, m)).toEqual({ schema: false, parser: false });
  });
});

/** Nests `depth` arrays inside each other. */
function nestedArrays(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('what JSON Schema cannot state (the parser refuses, the schema lets through)', () => {
  const GAPS: [string, string, string, Message][] = [
    [
      'Recipient',
      'validUntil before validFrom',
      'After `validFrom`',
      changed(RECIPIENT_JSON, (m) => (m.transferMechanisms[0].validUntil = '2024-01-01T00:00:00Z')),
    ],
    [
      'SubjectProfile',
      'withdrawnAt before givenAt',
      'At or after `givenAt`',
      changed(SUBJECT_JSON, (m) => (m.consents[0].withdrawnAt = '2025-12-31T23:59:59Z')),
    ],
    [
      'ShareRequest',
      'nesting deeper than 32 levels in data',
      'nesting deeper than 32 levels',
      changed(SHARE_REQUEST_JSON, (m) => (m.data.grades = nestedArrays(31))),
    ],
    [
      'Share',
      'a lone UTF-16 surrogate',
      'lone UTF-16 surrogates',
      changed(SHARE_JSON, (m) => (m.data.name = 'Ada\ud800')),
    ],
    [
      'ShareRequest',
      'a value over 1 MiB',
      'a value over 1048576 bytes',
      changed(SHARE_REQUEST_JSON, (m) => (m.data.name = LONG(1024 * 1024))),
    ],
  ];

  it.each(GAPS)('%s with %s', (name, _what, described, m) => {
    expect(verdicts(name, m)).toEqual({ schema: true, parser: false });
    expect(JSON.stringify(SCHEMAS[name])).toContain(described);
  });
});
