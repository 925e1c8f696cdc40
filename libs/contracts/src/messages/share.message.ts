/** Share and PolicyRef (DESIGN §3), defined once: type, JSON Schema, validator. */
import { type Static, Type } from '@sinclair/typebox';
import { BOUNDS } from './bounds';
import { derivedId, described, digest, jsonObject, text, utcTimestamp } from './fragments';

/** The policy that made a decision: id, version and the digest of the policy file. */
export const PolicyRefSchema = Type.Object(
  {
    id: text(1, BOUNDS.id),
    version: text(1, BOUNDS.policyVersion),
    digest: described(digest(), 'SHA-256 of the policy file.'),
  },
  {
    title: 'PolicyRef',
    description: 'The policy that made a decision.',
    additionalProperties: false,
  },
);
/** Identifies the exact policy that made a decision. */
export type PolicyRef = Static<typeof PolicyRefSchema>;

/** A share as delivered on `privacy.shares.<recipientId>`; `data` is the minimised payload. */
export const ShareSchema = Type.Object(
  {
    shareId: described(derivedId('sh'), 'Deterministic: derived from requestId and recipientId.'),
    requestId: text(1, BOUNDS.requestId),
    recipientId: text(1, BOUNDS.id),
    purpose: text(1, BOUNDS.purpose),
    subjectRef: described(text(1, BOUNDS.id), 'The subjectId, or ps_<base32> when pseudonymised.'),
    data: described(jsonObject(), 'The minimised payload.'),
    policy: PolicyRefSchema,
    sharedAt: utcTimestamp(),
  },
  {
    title: 'Share',
    description: 'A share as delivered to its recipient (value of privacy.shares.<recipientId>).',
    additionalProperties: false,
  },
);
/** What a recipient receives on its own topic. */
export type Share = Static<typeof ShareSchema>;
