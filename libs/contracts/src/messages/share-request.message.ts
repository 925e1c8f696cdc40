/** ShareRequest (topic `share-requests`, DESIGN §3), defined once: type, JSON Schema, validator. */
import { type Static, Type } from '@sinclair/typebox';
import { BOUNDS } from './bounds';
import { described, jsonObject, text, utcTimestamp } from './fragments';

/**
 * A legal basis: a non-empty `kind`. Whether the kind fits, and whether a `reference` is there
 * and not blank, is the policy's call (LEGAL_BASIS_REQUIRED, DESIGN §7), so a missing or empty
 * reference is not malformed input.
 */
export const LegalBasisSchema = Type.Object(
  {
    kind: text(1, BOUNDS.legalBasisKind),
    reference: Type.Optional(
      described(
        text(0, BOUNDS.reference),
        'Required by the kinds that need a legal basis; missing or blank, the request is denied ' +
          '(LEGAL_BASIS_REQUIRED), not rejected.',
      ),
    ),
  },
  {
    title: 'LegalBasis',
    description: 'Why an authority may receive data.',
    additionalProperties: false,
  },
);
/** A legal basis cited by an authority or acquirer request (DESIGN §5). */
export type LegalBasis = Static<typeof LegalBasisSchema>;

/**
 * A share request. `courseId` and `legalBasis` may be absent but not null; `data` must be an
 * object whose contents are only checked by the structural safety limits.
 */
export const ShareRequestSchema = Type.Object(
  {
    requestId: described(text(1, BOUNDS.requestId), 'Idempotency key of the logical request.'),
    requestedAt: described(utcTimestamp(), "Informational; decisions use the gateway's clock."),
    producer: text(1, BOUNDS.producer),
    subjectId: described(text(1, BOUNDS.id), 'Must equal the record key.'),
    // Any id is accepted here: an id that names no recipient is a deny (UNKNOWN_RECIPIENT),
    // recorded in the audit trail, not a malformed message.
    recipientId: text(1, BOUNDS.id),
    purpose: text(1, BOUNDS.purpose),
    courseId: Type.Optional(text(1, BOUNDS.id)),
    legalBasis: Type.Optional(LegalBasisSchema),
    data: described(jsonObject(), 'The payload; classified by its top-level field names.'),
  },
  {
    title: 'ShareRequest',
    description:
      "A request to disclose a learner's data to a recipient (value of privacy.share-requests).",
    additionalProperties: false,
  },
);
/** A request to disclose one subject's data to one recipient (topic `share-requests`). */
export type ShareRequest = Static<typeof ShareRequestSchema>;
