import { canonicalJson, type AuditEventBody } from '@app/contracts';

/**
 * Headroom of an output record over the largest accepted request: a Share carries a few ids
 * and the policy reference that the request did not, so a valid request can yield a share
 * slightly larger than itself.
 */
export const OUTPUT_HEADROOM_BYTES = 16 * 1024;

// Generous upper bounds of an audit event's parts: everything but the per-field lists (ids,
// up to 14 request-level reasons, the transfer record), and one reason of a withheld field
// without its name (rule <= 128, clause <= 512 characters of UTF-8). A field name appears
// twice, and canonical JSON may escape a character of it to six bytes.
const FIXED_PART_BYTES = 48 * 1024;
const PER_FIELD_BYTES = 2048;
const PER_NAME_CHAR_BYTES = 12;

/**
 * Whether the audit event of a request with the data fields `fields` could exceed `limit`
 * bytes. An event lists every field name twice (fieldsWithheld and a reason), so a request with
 * very many or very long field names yields an event larger than Kafka accepts: such a record
 * would fail its transaction on every retry and stall the partition. The exact size is only
 * computed when a cheap upper bound does not already settle it.
 */
export function auditEventTooLarge(body: AuditEventBody, fields: string[], limit: number): boolean {
  let bound = FIXED_PART_BYTES;
  for (const field of fields) bound += PER_FIELD_BYTES + field.length * PER_NAME_CHAR_BYTES;
  if (bound <= limit) return false;
  return Buffer.byteLength(canonicalJson(body), 'utf8') > limit;
}
