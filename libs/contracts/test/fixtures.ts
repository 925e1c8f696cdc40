// The example messages of DESIGN §3, written out as valid JSON (comments and ellipses
// removed, ids derived as the contract says, realistic digests), plus small test helpers.
import type { ParseResult } from '@app/contracts';

export const SHARE_ID = 'sh-uubyz7kemh6om3ukwrugxbyini'; // shareIdFor('req-7f3a', 'univ-stanford')
export const EVENT_ID = 'ev-yimxprwhjdslhb2z4vfxsrtzda'; // eventIdFor({ requestId, recipientId })
export const POLICY_DIGEST =
  'sha256:823412d1eacb67956220e532959f0104603057c88704863ca38e7cd188fda812';
export const PAYLOAD_DIGEST =
  'sha256:239f59ed55e737c77147cf55ad0c1b030b6d7ee748a7426952f9b852d5a935e5';
const PREV_HASH = 'sha256:5a7c2f0e1b9d4c3a8e6f7d2b1c0a9e8f7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a';
const HASH = 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

export const SHARE_REQUEST_JSON = `{
  "requestId": "req-7f3a",
  "requestedAt": "2026-03-01T10:00:00Z",
  "producer": "course-service",
  "subjectId": "learner-42",
  "recipientId": "univ-stanford",
  "purpose": "course_administration",
  "courseId": "ml-101",
  "legalBasis": { "kind": "subpoena", "reference": "SDNY-2026-118" },
  "data": { "name": "Ada", "email": "ada@example.org", "grades": [{"item": "quiz-1", "score": 0.9}] }
}`;

export const RECIPIENT_JSON = `{
  "recipientId": "univ-stanford",
  "name": "Stanford University",
  "kind": "institution",
  "country": "US",
  "address": "450 Serra Mall, Stanford, CA 94305, US",
  "status": "active",
  "purposes": ["course_administration"],
  "fields": ["name", "email", "grades"],
  "courses": ["ml-101"],
  "transferMechanisms": [
    { "type": "contract", "reference": "DPA-2025-17", "validFrom": "2025-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z" }
  ]
}`;

export const SUBJECT_JSON = `{
  "subjectId": "learner-42",
  "residence": "DE",
  "birthDate": "2001-05-17",
  "erased": false,
  "optOuts": ["marketing"],
  "consents": [
    { "recipientId": "facebook", "purpose": "social_integration", "categories": ["identity.name"],
      "givenAt": "2026-01-01T00:00:00Z", "withdrawnAt": null }
  ]
}`;

export const SHARE_JSON = `{
  "shareId": "${SHARE_ID}",
  "requestId": "req-7f3a",
  "recipientId": "univ-stanford",
  "purpose": "course_administration",
  "subjectRef": "learner-42",
  "data": { "name": "Ada", "grades": [{"item": "quiz-1", "score": 0.9}] },
  "policy": { "id": "coursera-privacy", "version": "2015-11-04", "digest": "${POLICY_DIGEST}" },
  "sharedAt": "2026-03-01T10:00:00.120Z"
}`;

export const AUDIT_EVENT_JSON = `{
  "eventId": "${EVENT_ID}",
  "type": "share.allowed",
  "partition": 3, "seq": 1207,
  "requestId": "req-7f3a", "subjectId": "learner-42", "recipientId": "univ-stanford",
  "purpose": "course_administration", "producer": "course-service",
  "decision": "allow",
  "reasons": [ { "code": "CATEGORY_NOT_PERMITTED", "field": "dateOfBirth",
                 "rule": "minimise.category", "clause": "Sharing with Instructors and Institutions" } ],
  "fieldsShared": ["grades", "name"], "fieldsWithheld": ["dateOfBirth"],
  "categoriesShared": ["course.performance", "identity.name"],
  "transferMechanism": { "basis": "contract", "reference": "DPA-2025-17" },
  "directMarketing": false,
  "shareId": "${SHARE_ID}", "payloadDigest": "${PAYLOAD_DIGEST}",
  "policy": { "id": "coursera-privacy", "version": "2015-11-04", "digest": "${POLICY_DIGEST}" },
  "decidedAt": "2026-03-01T10:00:00.118Z",
  "prevHash": "${PREV_HASH}",
  "hash": "${HASH}"
}`;

/** A message under test: tests reshape it freely, including into invalid shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped test data
export type Message = Record<string, any>;

/** A deep copy of the example, as a mutable plain object. */
export function example(json: string): Message {
  return JSON.parse(json);
}

/** The example after `change`, serialised again, so that tests parse bytes like Kafka does. */
export function variant(json: string, change: (message: Message) => void): string {
  const message = example(json);
  change(message);
  return JSON.stringify(message);
}

/** The errors of a failed result; fails the test when the result is a success. */
export function errorsOf(result: ParseResult<unknown>): string[] {
  if (result.ok) throw new Error('expected the message to be refused');
  return result.errors;
}
