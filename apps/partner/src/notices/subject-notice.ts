import type { NoticeAck, ParseResult, SubjectNotice } from '@app/contracts';

export type { NoticeAck, SubjectNotice } from '@app/contracts';

/**
 * Validates a record value of a share topic that says it is a notice (never throws). The
 * app uses the contract's `parseSubjectNotice`; tests may inject another.
 */
export type NoticeParser = (value: Buffer) => ParseResult<SubjectNotice>;

/** Where acknowledgements go; a send that fails throws (the notice is then redelivered). */
export interface NoticeAcks {
  send(ack: NoticeAck): Promise<void>;
}
