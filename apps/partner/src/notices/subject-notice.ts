import type { PolicyRef } from '@app/contracts';

/**
 * The SubjectNotice of DESIGN §7, as this app reads it. The type and its validator belong to
 * the contract (`@app/contracts`, one definition per message); until the contract exports
 * them, this interface names the fields the partner uses and {@link NoticeParser} is injected.
 */
export interface SubjectNotice {
  noticeId: string;
  kind: 'erase' | 'stop_purpose' | 'consent_withdrawn';
  recipientId: string;
  subjectRef: string;
  purposes: string[];
  categories: string[];
  cause: string;
  noticedAt: string;
  policy: PolicyRef;
}

/** A notice's validation: the notice, or a reason code and how many violations were found. */
export type NoticeParseResult =
  { ok: true; value: SubjectNotice } | { ok: false; code: string; errors: readonly string[] };

/** Validates a record value of a share topic that says it is a notice (never throws). */
export type NoticeParser = (value: Buffer) => NoticeParseResult;

/**
 * Used while no contract validator is wired: every notice is skipped (logged by offset, kept
 * in `skipped`) rather than acted on unchecked.
 */
export const noNoticeValidator: NoticeParser = () => ({
  ok: false,
  code: 'NOTICE_VALIDATOR_MISSING',
  errors: [],
});

/** The acknowledgement of a notice on `<prefix>notice-acks.<recipientId>`, key = noticeId. */
export interface NoticeAck {
  noticeId: string;
  status: 'done' | 'refused';
  note: string;
  at: string;
}

/** Where acknowledgements go; a send that fails throws (the notice is then redelivered). */
export interface NoticeAcks {
  send(ack: NoticeAck): Promise<void>;
}
