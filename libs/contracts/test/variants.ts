// Valid messages beyond the design's examples: every optional, nullable and conditional case.
import {
  AUDIT_EVENT_JSON,
  example,
  type Message,
  RECIPIENT_JSON,
  SHARE_JSON,
  SHARE_REQUEST_JSON,
  SUBJECT_JSON,
} from './fixtures';

/** The five examples of DESIGN §3 (test/fixtures.ts). */
export const DESIGN_EXAMPLES: [string, string][] = [
  ['ShareRequest', SHARE_REQUEST_JSON],
  ['Recipient', RECIPIENT_JSON],
  ['SubjectProfile', SUBJECT_JSON],
  ['Share', SHARE_JSON],
  ['AuditEvent', AUDIT_EVENT_JSON],
];

/** The example after `change`. */
export function changed(json: string, change: (m: Message) => void): Message {
  const message = example(json);
  change(message);
  return message;
}

/** Turns the allowed AuditEvent example into a consistent share.denied event. */
export const denied = (m: Message) => {
  Object.assign(m, { type: 'share.denied', decision: 'deny', shareId: null });
  Object.assign(m, { payloadDigest: null, fieldsShared: [], categoriesShared: [] });
  m.reasons = [{ code: 'PURPOSE_NOT_CONTRACTED', rule: 'check.contracted', clause: 'x' }];
  m.transferMechanism = null;
};

/** Valid messages beyond the design's examples: every optional, nullable and conditional case. */
export const VALID_VARIANTS: [string, string, Message][] = [
  ...DESIGN_EXAMPLES.map(([name, json]): [string, string, Message] => [
    name,
    'DESIGN §3 example',
    example(json),
  ]),
  [
    'ShareRequest',
    'without courseId and legalBasis',
    changed(SHARE_REQUEST_JSON, (m) => {
      delete m.courseId;
      delete m.legalBasis;
      m.data = {};
    }),
  ],
  [
    'Recipient',
    'contractor with fields',
    changed(RECIPIENT_JSON, (m) => {
      Object.assign(m, { kind: 'contractor', purposes: ['operations'] });
      delete m.courses;
    }),
  ],
  [
    'Recipient',
    'authority, open-ended certification',
    changed(RECIPIENT_JSON, (m) => {
      Object.assign(m, { kind: 'authority', purposes: [] });
      delete m.fields;
      delete m.courses;
      m.transferMechanisms = [
        { type: 'dpf', reference: 'DPF-1', validFrom: '2023-07-10T00:00:00Z', validUntil: null },
        { type: 'privacy_shield', reference: 'PS-1', validFrom: '2016-08-01T00:00:00+00:00' },
      ];
    }),
  ],
  [
    'SubjectProfile',
    'Californian, erased, withdrawn consent to any recipient',
    changed(SUBJECT_JSON, (m) => {
      Object.assign(m, { residence: 'US-CA', erased: true, optOuts: [] });
      delete m.birthDate;
      m.consents = [
        {
          recipientId: '*',
          purpose: 'research',
          categories: [],
          givenAt: '2026-01-01T00:00:00Z',
          withdrawnAt: '2026-01-01T00:00:00.000+00:00',
        },
        { recipientId: 'x', purpose: 'marketing', categories: [], givenAt: '2026-01-01T00:00:00Z' },
      ];
    }),
  ],
  [
    'Share',
    'pseudonymised',
    changed(SHARE_JSON, (m) => {
      m.subjectRef = 'ps_abcdefghijklmnopqrstuvwxyz234567abcdefgh';
    }),
  ],
  ['AuditEvent', 'share.denied', changed(AUDIT_EVENT_JSON, denied)],
  [
    'AuditEvent',
    'request.rejected with unreadable ids',
    changed(AUDIT_EVENT_JSON, (m) => {
      denied(m);
      Object.assign(m, { type: 'request.rejected', decision: 'reject', fieldsWithheld: [] });
      Object.assign(m, { requestId: null, subjectId: null, recipientId: null });
      Object.assign(m, { purpose: null, producer: null });
      m.reasons = [{ code: 'INVALID_MESSAGE', rule: 'contract.share-request', clause: '' }];
    }),
  ],
  [
    'AuditEvent',
    'allowed by adequacy',
    changed(AUDIT_EVENT_JSON, (m) => {
      m.transferMechanism = { basis: 'adequacy', country: 'CH' };
    }),
  ],
  [
    'AuditEvent',
    'transfer not required',
    changed(AUDIT_EVENT_JSON, (m) => {
      m.transferMechanism = { basis: 'not_required' };
    }),
  ],
];
