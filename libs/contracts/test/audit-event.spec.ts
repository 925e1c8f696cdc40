// Contract tests: every way an AuditEvent can break DESIGN §3, with the exact error lines.
import { parseAuditEvent, REASON_CODES, TRANSFER_BASES } from '@app/contracts';
import { AUDIT_EVENT_JSON, errorsOf, type Message, variant } from './fixtures';

const refused = (change: (m: Message) => void): string[] =>
  errorsOf(parseAuditEvent(variant(AUDIT_EVENT_JSON, change)));
const accepted = (change: (m: Message) => void): boolean =>
  parseAuditEvent(variant(AUDIT_EVENT_JSON, change)).ok;

/** The example turned into the audit event of an unreadable record. */
function rejected(m: Message): void {
  Object.assign(m, {
    type: 'request.rejected',
    decision: 'reject',
    requestId: null,
    subjectId: null,
    recipientId: null,
    purpose: null,
    producer: null,
    reasons: [{ code: 'INVALID_JSON', rule: 'contract.json', clause: '' }],
    fieldsShared: [],
    fieldsWithheld: [],
    categoriesShared: [],
    transferMechanism: null,
    shareId: null,
    payloadDigest: null,
  });
}

describe('AuditEvent: presence', () => {
  const ALL = Object.keys(JSON.parse(AUDIT_EVENT_JSON));

  it.each(ALL)('%s is required', (property) => {
    expect(refused((m) => delete m[property])).toEqual([`${property}: is required`]);
  });

  it('a request.rejected event has nulls for what could not be read', () => {
    expect(accepted(rejected)).toBe(true);
  });

  it.each(['eventId', 'type', 'partition', 'seq', 'decision', 'reasons', 'policy', 'hash'])(
    '%s may not be null',
    (property) => {
      expect(refused((m) => (m[property] = null))).toEqual([`${property}: must not be null`]);
    },
  );

  it('a denial has no share: shareId and payloadDigest must be null', () => {
    const deny = (m: Message): void => {
      m.type = 'share.denied';
      m.decision = 'deny';
    };
    expect(refused(deny)).toEqual([
      'shareId: must be null unless decision is allow',
      'payloadDigest: must be null unless decision is allow',
    ]);
    expect(accepted((m) => (deny(m), (m.shareId = null), (m.payloadDigest = null)))).toBe(true);
  });

  it('an allowed share has its shareId and payloadDigest', () => {
    expect(refused((m) => ((m.shareId = null), (m.payloadDigest = null)))).toEqual([
      'shareId: must not be null',
      'payloadDigest: must not be null',
    ]);
  });
});

describe('AuditEvent: unknown properties', () => {
  it('at the top, in a reason, in the transfer mechanism and in the policy', () => {
    expect(
      refused((m) => {
        m.data = {};
        m.reasons[0].value = 'x';
        m.transferMechanism.country = 'US';
        m.transferMechanism.expires = 'x';
        m.policy.url = 'x';
      }),
    ).toEqual([
      'data: unknown property',
      'reasons[0].value: unknown property',
      'transferMechanism.expires: unknown property',
      'policy.url: unknown property',
    ]);
  });
});

describe('AuditEvent: vocabularies and consistency', () => {
  it('type and decision are closed and must agree', () => {
    expect(refused((m) => (m.type = 'share.created'))).toEqual([
      'type: must be one of: share.allowed, share.denied, request.rejected, notice.sent',
    ]);
    expect(refused((m) => (m.decision = 'permit'))).toEqual([
      'decision: must be one of: allow, deny, reject, notice',
    ]);
    expect(refused((m) => (rejected(m), (m.decision = 'deny')))).toEqual([
      'decision: does not match type',
    ]);
  });

  it.each(REASON_CODES)('reason code %s is accepted', (code) => {
    expect(accepted((m) => (m.reasons[0].code = code))).toBe(true);
  });

  it('an unknown reason code is refused; field is optional; rule is required', () => {
    expect(refused((m) => (m.reasons[0].code = 'NOT_ALLOWED'))).toEqual([
      `reasons[0].code: must be one of: ${REASON_CODES.join(', ')}`,
    ]);
    expect(accepted((m) => delete m.reasons[0].field)).toBe(true);
    expect(refused((m) => (m.reasons[0].rule = ''))).toEqual([
      'reasons[0].rule: must be a string of 1..128 characters',
    ]);
  });

  it.each(TRANSFER_BASES)('transfer basis %s is accepted with what it needs', (basis) => {
    expect(
      accepted((m) => (m.transferMechanism = { basis, country: 'CH', reference: 'DPA-1' })),
    ).toBe(true);
  });

  it('adequacy needs a country, contract a reference', () => {
    expect(refused((m) => (m.transferMechanism = { basis: 'adequacy' }))).toEqual([
      'transferMechanism.country: is required',
    ]);
    expect(refused((m) => (m.transferMechanism = { basis: 'contract' }))).toEqual([
      'transferMechanism.reference: is required',
    ]);
    expect(accepted((m) => (m.transferMechanism = { basis: 'not_required' }))).toBe(true);
    expect(refused((m) => (m.transferMechanism = { basis: 'consent' }))).toEqual([
      `transferMechanism.basis: must be one of: ${TRANSFER_BASES.join(', ')}`,
    ]);
  });
});

describe('AuditEvent: formats', () => {
  it.each([-1, 1.5, '3', 2 ** 31])('partition %p is refused', (partition) => {
    expect(refused((m) => (m.partition = partition))).toEqual([
      'partition: must be an integer from 0 to 2147483647',
    ]);
  });

  it.each([-1, 0.5, '1207', 2 ** 53])('seq %p is refused', (seq) => {
    expect(refused((m) => (m.seq = seq))).toEqual([
      `seq: must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
    ]);
  });

  it.each(['eventId', 'shareId'])('%s must be a derived id of its own kind', (property) => {
    const prefix = property === 'eventId' ? 'ev' : 'sh';
    const other =
      prefix === 'ev' ? 'sh-uubyz7kemh6om3ukwrugxbyini' : 'ev-yimxprwhjdslhb2z4vfxsrtzda';
    expect(refused((m) => (m[property] = other))).toEqual([
      `${property}: must be ${prefix}- and 26 base32 characters`,
    ]);
  });

  it.each(['prevHash', 'hash', 'payloadDigest'])('%s must be a sha256 digest', (property) => {
    expect(refused((m) => (m[property] = 'sha256:xyz'))).toEqual([
      `${property}: must be sha256: and 64 lower-case hex digits`,
    ]);
  });

  it('field lists are sets; field names may be any string, categories may not be empty', () => {
    expect(refused((m) => (m.fieldsShared = ['name', 'name']))).toEqual([
      'fieldsShared: must not contain duplicates',
    ]);
    expect(accepted((m) => (m.fieldsWithheld = ['', 'x'.repeat(5000)]))).toBe(true);
    expect(refused((m) => (m.categoriesShared = ['']))).toEqual([
      'categoriesShared: must be an array of strings of 1..128 characters',
    ]);
  });

  it('directMarketing is a boolean and decidedAt UTC', () => {
    expect(refused((m) => ((m.directMarketing = 'no'), (m.decidedAt = '2026-03-01')))).toEqual([
      'directMarketing: must be a boolean',
      'decidedAt: must be an ISO-8601 UTC timestamp ending in Z or +00:00',
    ]);
  });
});

describe('AuditEvent v2: transferMechanism.regime (DESIGN §7)', () => {
  it.each(['eu', 'ch', 'uk'])('regime %s is accepted; absent too (v1 events)', (regime) => {
    expect(
      accepted((m) => (m.transferMechanism = { basis: 'dpf', reference: 'DPF-1', regime })),
    ).toBe(true);
    expect(accepted((m) => (m.transferMechanism = { basis: 'dpf', reference: 'DPF-1' }))).toBe(
      true,
    );
  });

  it('an unknown regime is refused', () => {
    expect(
      refused((m) => (m.transferMechanism = { basis: 'contract', reference: 'C', regime: 'us' })),
    ).toEqual(['transferMechanism.regime: must be one of: eu, ch, uk']);
  });
});
