import { Inject, Injectable } from '@nestjs/common';
import { PARTNER_NOTICE_PARSER } from '../partner.constants';
import type { InboxOutcome, InboxRecord } from '../shares/inbox-record';
import { ShareStore } from '../store/share-store';
import type { NoticeAcks, NoticeParser, SubjectNotice } from './subject-notice';

/** A notice that cannot be applied here: skipped with this reason code. */
type Refusal = { skip: string; violations: number };

/**
 * Applies SubjectNotices (DESIGN §7): `erase` deletes every share of the subject;
 * `stop_purpose` and `consent_withdrawn` delete the subject's shares of the listed purposes.
 * Then acknowledges with `done`. A redelivered notice is acknowledged again, not re-applied.
 */
@Injectable()
export class NoticeService {
  constructor(
    private readonly store: ShareStore,
    @Inject(PARTNER_NOTICE_PARSER) private readonly parse: NoticeParser,
  ) {}

  /** Applies the notice in `record` (whose value is present) and acknowledges it. */
  async apply(
    record: InboxRecord & { value: Buffer },
    recipientId: string,
    acks: NoticeAcks,
    now: Date,
  ): Promise<InboxOutcome | Refusal> {
    const parsed = this.parse(record.value);
    if (!parsed.ok) return { skip: parsed.code, violations: parsed.errors.length };
    const notice = parsed.value;
    if (notice.recipientId !== recipientId) return { skip: 'WRONG_RECIPIENT', violations: 1 };
    if (record.key !== notice.subjectRef) return { skip: 'KEY_MISMATCH', violations: 1 };
    const deleted = this.store.erase(
      {
        noticeId: notice.noticeId,
        kind: notice.kind,
        subjectRef: notice.subjectRef,
        purposes: notice.kind === 'erase' ? null : notice.purposes,
      },
      now,
    );
    await acks.send({
      noticeId: notice.noticeId,
      status: 'done',
      note: noteOf(notice, deleted),
      at: now.toISOString(),
    });
    return { kind: 'notice', noticeId: notice.noticeId, deleted };
  }
}

function noteOf(notice: SubjectNotice, deleted: number | null): string {
  if (deleted === null) return 'applied before';
  const scope = notice.kind === 'erase' ? 'all purposes' : notice.purposes.join(', ');
  return `deleted ${deleted} stored share(s) of this subject (${scope})`;
}
