/** The closed vocabularies of subject notices and their acknowledgements (DESIGN §7). */

/** What a past recipient must do: delete everything, stop a purpose, or drop consent-based data. */
export const NOTICE_KINDS = ['erase', 'stop_purpose', 'consent_withdrawn'] as const;
/** A notice kind. */
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The subject change that caused a notice. */
export const NOTICE_CAUSES = [
  'subject.erased',
  'subject.opted_out',
  'subject.partner_opted_out',
  'subject.consent_withdrawn',
  'subject.under_13',
] as const;
/** A notice cause. */
export type NoticeCause = (typeof NOTICE_CAUSES)[number];

/** A recipient's answer to a notice. */
export const NOTICE_ACK_STATUSES = ['done', 'refused'] as const;
/** A notice acknowledgement status. */
export type NoticeAckStatus = (typeof NOTICE_ACK_STATUSES)[number];

/**
 * The header naming what a record on `privacy.shares.<recipientId>` is, so a consumer can
 * dispatch before parsing. A record without it is a Share (v1 producers wrote no header).
 */
export const MESSAGE_TYPE_HEADER = 'onward.message-type';

/** The values of `MESSAGE_TYPE_HEADER`. */
export const MESSAGE_TYPES = Object.freeze({ share: 'share', notice: 'notice' } as const);
/** A message type carried on a recipient's topic. */
export type MessageType = (typeof MESSAGE_TYPES)[keyof typeof MESSAGE_TYPES];
