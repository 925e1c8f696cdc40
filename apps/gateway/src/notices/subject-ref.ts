import type { AuditEvent, Recipient } from '@app/contracts';
import { pseudonymise, type CompiledPolicy, type PseudonymKey } from '@app/policy';

/**
 * The subjectRef the recipient of an allowed share received, recomputed from its audit event
 * (which holds no subjectRef): the pseudonym when the matrix row pseudonymises (the row of the
 * recipient's kind when the recipient is known, else any row of that purpose), else the
 * subjectId. The pseudonym is deterministic, so recomputing equals recording.
 */
export function subjectRefOf(
  policy: CompiledPolicy,
  pseudonymKey: PseudonymKey,
  recipient: Recipient | null,
  event: AuditEvent,
): string {
  const subjectId = event.subjectId ?? '';
  const recipientId = event.recipientId ?? '';
  const purpose = event.purpose ?? '';
  const row = recipient ? policy.kinds.get(recipient.kind)?.rows.get(purpose) : undefined;
  const pseudonymous = row
    ? row.pseudonymise
    : [...policy.kinds.values()].some((k) => k.rows.get(purpose)?.pseudonymise === true);
  return pseudonymous ? pseudonymise(pseudonymKey, recipientId, subjectId) : subjectId;
}
