import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recipient, TransferMechanism } from '@app/contracts/recipient';
import type { ShareRequest } from '@app/contracts/share-request';
import type { SubjectProfile } from '@app/contracts/subject';
import type { RecipientKind } from '@app/contracts/vocabulary';
import {
  compilePolicy,
  decide,
  loadPolicy,
  parsePolicyText,
  type CompiledPolicy,
  type DecideInput,
  type Decision,
  type PolicyDocument,
} from '@app/policy';

/** The policy files of this library. */
export const POLICIES = join(__dirname, '../../policies');
/** The default policy's text. */
export const POLICY_TEXT = readFileSync(join(POLICIES, 'coursera-privacy.yaml'), 'utf8');
/** The default policy, compiled once for all suites. */
export const POLICY: CompiledPolicy = loadPolicy(POLICY_TEXT);
/** A test pseudonymisation key. */
export const KEY = 'test-pseudonym-key';
/** The default clock of the scenarios. */
export const NOW = '2026-03-01T10:00:00Z';

/** A fresh, mutable copy of the default policy document, for variants. */
export function policyDocument(): PolicyDocument {
  return parsePolicyText(POLICY_TEXT) as PolicyDocument;
}

/** The default policy with an edit applied to a copy of its document. */
export function variant(edit: (doc: PolicyDocument) => void): CompiledPolicy {
  const doc = policyDocument();
  edit(doc);
  return compilePolicy(doc);
}

/** A contract valid around NOW. */
export const CONTRACT: TransferMechanism = {
  type: 'contract',
  reference: 'DPA-2025-17',
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
};

/** Per kind: the purpose used by default and the data it sends. */
const DEFAULTS: Record<RecipientKind, { purpose: string; data: Record<string, unknown> }> = {
  instructor: { purpose: 'course_administration', data: { name: 'Ada', grades: [0.9] } },
  institution: { purpose: 'course_administration', data: { name: 'Ada', email: 'a@x.org' } },
  university_partner: { purpose: 'research', data: { grades: [0.9], activity: { days: 3 } } },
  business_partner: { purpose: 'marketing', data: { name: 'Ada', email: 'a@x.org' } },
  contractor: { purpose: 'operations', data: { email: 'a@x.org', device: 'ios' } },
  authority: { purpose: 'legal_process', data: { name: 'Ada', postalAddress: '1 Main St' } },
  acquirer: { purpose: 'corporate_transaction', data: { name: 'Ada', grades: [0.9] } },
  third_party_site: { purpose: 'social_integration', data: { name: 'Ada' } },
  legal_counsel: { purpose: 'legal_claims', data: { name: 'Ada', email: 'a@x.org' } },
};

/** A valid active recipient of a kind, agreed for every purpose its kind may receive. */
export function recipientOf(kind: RecipientKind, over: Partial<Recipient> = {}): Recipient {
  const purposes = [...(POLICY.kinds.get(kind)?.rows.keys() ?? [])];
  return {
    recipientId: `${kind}-1`,
    name: `A ${kind}`,
    kind,
    country: 'US',
    address: '1 Infinite Loop, Cupertino, CA, US',
    status: 'active',
    purposes,
    ...(kind === 'contractor' ? { fields: ['email', 'device', 'activity', 'name'] } : {}),
    transferMechanisms: [CONTRACT],
    ...over,
  };
}

/** A valid subject: adult, US resident, no opt-outs or consents. */
export function subjectOf(over: Partial<SubjectProfile> = {}): SubjectProfile {
  return {
    subjectId: 'learner-42',
    residence: 'US-CA',
    birthDate: '2001-05-17',
    erased: false,
    optOuts: [],
    consents: [],
    ...over,
  };
}

/** A request of the kind's default purpose and data. */
export function requestOf(kind: RecipientKind, over: Partial<ShareRequest> = {}): ShareRequest {
  const { purpose, data } = DEFAULTS[kind];
  return {
    requestId: 'req-1',
    requestedAt: NOW,
    producer: 'course-service',
    subjectId: 'learner-42',
    recipientId: `${kind}-1`,
    purpose,
    ...(kind === 'authority' ? { legalBasis: { kind: 'subpoena', reference: 'SDNY-1' } } : {}),
    ...(kind === 'acquirer'
      ? { legalBasis: { kind: 'corporate_transaction', reference: 'SPA-1' } }
      : {}),
    ...(kind === 'legal_counsel'
      ? { legalBasis: { kind: 'litigation', reference: 'N.D. Cal. 5:26-cv-0142' } }
      : {}),
    data,
    ...over,
  };
}

/** One scenario: a kind plus overrides; `null` makes the recipient or subject unknown. */
export interface Scenario {
  kind?: RecipientKind;
  recipient?: Partial<Recipient> | null;
  subject?: Partial<SubjectProfile> | null;
  request?: Partial<ShareRequest>;
  now?: string;
  policy?: CompiledPolicy;
}

/** Builds a scenario's input and decides it. */
export function setup(s: Scenario = {}): { input: DecideInput; decision: Decision } {
  const kind = s.kind ?? 'instructor';
  const input: DecideInput = {
    request: requestOf(kind, s.request),
    recipient: s.recipient === null ? null : recipientOf(kind, s.recipient),
    subject: s.subject === null ? null : subjectOf(s.subject),
  };
  const decision = decide(s.policy ?? POLICY, input, new Date(s.now ?? NOW), {
    pseudonymKey: KEY,
  });
  return { input, decision };
}

/** Reasons as compact strings: `CODE` or `CODE:field`. */
export function codes(d: Decision): string[] {
  return d.reasons.map((r) => (r.field === undefined ? r.code : `${r.code}:${r.field}`));
}
