/**
 * SubjectNotice and NoticeAck (DESIGN §7), defined once as TypeBox schemas: the TypeScript
 * types, the published JSON Schemas and the compiled validators all derive from these.
 */
import { type Static, Type } from '@sinclair/typebox';
import { BOUNDS } from '../messages/bounds';
import { NOTICE_ACK_STATUSES, NOTICE_CAUSES, NOTICE_KINDS } from './notice-vocabulary';

/** Most purposes or categories one notice can name; far above any real policy. */
export const NOTICE_LIST_MAX = 256;
/** Longest free-text note a recipient can attach to an acknowledgement. */
export const NOTICE_NOTE_MAX = 1024;

/** One of a closed vocabulary, as a plain `enum` (one error per bad value, not one per option). */
const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values] });
const id = (description: string) =>
  Type.String({ minLength: 1, maxLength: BOUNDS.id, description });
const utc = (description: string) => Type.String({ format: 'utc-timestamp', description });
const names = (max: number, description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: max }), {
    maxItems: NOTICE_LIST_MAX,
    uniqueItems: true,
    description,
  });

/** `nt-` and 26 lower-case base32 characters (see `noticeIdFor`). */
export const NoticeIdSchema = Type.String({
  pattern: '^nt-[a-z2-7]{26}$',
  description: 'Deterministic per subject change and recipient.',
});

const PolicyRefSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: BOUNDS.id }),
    version: Type.String({ minLength: 1, maxLength: BOUNDS.policyVersion }),
    digest: Type.String({ pattern: '^sha256:[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);

/** What a past recipient is told when a subject's change requires it to act. */
export const SubjectNoticeSchema = Type.Object(
  {
    noticeId: NoticeIdSchema,
    kind: oneOf(NOTICE_KINDS),
    recipientId: id('The recipient told (the owner of the topic).'),
    subjectRef: id('The subject reference this recipient received (pseudonymised for research).'),
    purposes: names(BOUNDS.purpose, 'Purposes this recipient received the subject under.'),
    categories: names(BOUNDS.category, 'Data categories this recipient received.'),
    sharedFrom: utc('First share to this recipient covered by the notice.'),
    sharedUntil: utc('Last share to this recipient covered by the notice.'),
    cause: oneOf(NOTICE_CAUSES),
    noticedAt: utc('When the gateway decided the notice.'),
    policy: PolicyRefSchema,
  },
  {
    $id: 'SubjectNotice',
    additionalProperties: false,
    description:
      'A notice to a past recipient (privacy.shares.<recipientId>, header onward.message-type: notice).',
  },
);
/** A notice to a past recipient of a subject's data. */
export type SubjectNotice = Static<typeof SubjectNoticeSchema>;

/** A recipient's acknowledgement of a notice (`privacy.notice-acks.<recipientId>`, key noticeId). */
export const NoticeAckSchema = Type.Object(
  {
    noticeId: NoticeIdSchema,
    status: oneOf(NOTICE_ACK_STATUSES),
    note: Type.Optional(Type.String({ maxLength: NOTICE_NOTE_MAX })),
    at: utc('When the recipient acted.'),
  },
  { $id: 'NoticeAck', additionalProperties: false },
);
/** A recipient's acknowledgement of a notice. */
export type NoticeAck = Static<typeof NoticeAckSchema>;
