import type { Reason, TransferMechanismRecord } from '@app/contracts/audit-event';
import type { ShareRequest } from '@app/contracts/share-request';
import { REQUEST_CHECKS, type CheckContext } from './checks';
import type { ReasonCode } from '@app/contracts/vocabulary';
import type { CompiledPolicy, KindRule, MatrixRule } from './compiled-policy';
import type { DecideInput, DecideOptions, Decision } from './decision';
import { minimise } from './minimise';
import { pseudonymise, type PseudonymKey } from './pseudonym';
import { toInstant } from './time';
import { onwardTransfer } from './transfer';

/** A recipient kind the policy does not know: no rows, no exemptions. */
const UNKNOWN_KIND: KindRule = Object.freeze({
  exempt: new Set<ReasonCode>(),
  courseScoped: false,
  contractRequired: false,
  consentRequired: false,
  fieldsRequired: false,
  rows: new Map<string, MatrixRule>(),
});

/**
 * Decides one share request against a compiled policy (DESIGN §5). Pure and synchronous: the
 * clock (`now`: a Date, an ISO-8601 string or epoch ms) and the pseudonymisation key are
 * arguments. Checks 1–2 stop evaluation; checks 3–14 are all evaluated, failures listed in
 * order, then one reason per withheld field. A deny carries no data. A recipient or subject
 * whose id differs from the request's is treated as unknown.
 * Throws TypeError only for a bad `now` or a missing key when pseudonymising.
 */
export function decide(
  policy: CompiledPolicy,
  input: DecideInput,
  now: Date | string | number,
  options: DecideOptions = {},
): Decision {
  const at = toInstant(now);
  const { request, recipient, subject } = input;
  const data = request.data ?? {};
  const fields = Object.keys(data).sort();
  if (!recipient || recipient.recipientId !== request.recipientId) {
    return stopped(policy, request, fields, policy.checkReasons.UNKNOWN_RECIPIENT);
  }
  if (!subject || subject.subjectId !== request.subjectId) {
    return stopped(policy, request, fields, policy.checkReasons.UNKNOWN_SUBJECT);
  }
  const kind = policy.kinds.get(recipient.kind) ?? UNKNOWN_KIND;
  const row = kind.rows.get(request.purpose);
  const ctx: CheckContext = { policy, request, recipient, subject, kind, row, at };

  const reasons: Reason[] = [];
  for (const check of REQUEST_CHECKS) {
    if (kind.exempt.has(check.code) || check.passes(ctx)) continue;
    reasons.push(check.cite?.(ctx) ?? policy.checkReasons[check.code]);
  }
  const transferMechanism = onwardTransfer(ctx);
  if (transferMechanism === null) reasons.push(policy.checkReasons.NO_TRANSFER_MECHANISM);
  const minimised = minimise(ctx, fields);
  if (minimised.shared.length === 0) reasons.push(policy.checkReasons.NOTHING_TO_SHARE);
  const allow = reasons.length === 0;
  for (const r of minimised.reasons) reasons.push(r);

  const subjectRef =
    row?.pseudonymise === true
      ? pseudonymise(options.pseudonymKey as PseudonymKey, recipient.recipientId, request.subjectId)
      : request.subjectId;
  if (!allow) return denied(policy, fields, reasons, transferMechanism, subjectRef);
  return {
    decision: 'allow',
    reasons,
    fieldsShared: minimised.shared,
    fieldsWithheld: minimised.withheld,
    categoriesShared: minimised.categories,
    transferMechanism,
    directMarketing: row?.directMarketing === true,
    subjectRef,
    data: pick(data, minimised.shared),
    policy: policy.ref,
  };
}

/** A deny at check 1 or 2: nothing else is evaluated. */
function stopped(
  policy: CompiledPolicy,
  request: ShareRequest,
  fields: string[],
  reason: Reason,
): Decision {
  return denied(policy, fields, [reason], null, request.subjectId);
}

function denied(
  policy: CompiledPolicy,
  fields: string[],
  reasons: Reason[],
  transferMechanism: TransferMechanismRecord | null,
  subjectRef: string,
): Decision {
  return {
    decision: 'deny',
    reasons,
    fieldsShared: [],
    fieldsWithheld: fields,
    categoriesShared: [],
    transferMechanism,
    directMarketing: false,
    subjectRef,
    data: {},
    policy: policy.ref,
  };
}

/**
 * The shared fields of `data`, in sorted order. Every name is a dictionary field (validated
 * identifiers, never `__proto__`), so a plain object is safe and serialises as usual.
 */
function pick(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = data[field];
  return out;
}
