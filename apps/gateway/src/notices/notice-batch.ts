import type { SubjectChangeRef, SubjectProfile } from '@app/contracts';
import type { CompiledPolicy } from '@app/policy';
import type { NoticeState } from '../state/notice-state';
import type { StoreRecord } from '../state/state-store';
import type { AddressedNotice } from './notice-output';
import { planNotices } from './notice-planner';

/** A subject record of one batch, decoded (value null: tombstone or refused). */
export interface ChangeRecord extends StoreRecord {
  value: SubjectProfile | null;
}

/**
 * Plans the notices of a batch of one subjects partition, in log order. Each record is
 * compared with the subject's profile before it: the previous record of the batch, else the
 * baseline (the profile as of the committed offset). Records below `committedOffset` were
 * noticed by an earlier transaction and only move the baseline on (a catch-up after a crash
 * between the Kafka commit and the baseline write), so they are never noticed twice.
 */
export function planBatch(
  ref: Omit<SubjectChangeRef, 'offset'>,
  records: readonly ChangeRecord[],
  committedOffset: bigint,
  state: Pick<NoticeState, 'baseline' | 'pastShares'>,
  policy: CompiledPolicy,
  now: Date,
): AddressedNotice[] {
  const overlay = new Map<string, SubjectProfile | null>();
  const planned: AddressedNotice[] = [];
  for (const record of records) {
    const subjectId = record.key;
    const previous = overlay.has(subjectId)
      ? (overlay.get(subjectId) ?? null)
      : state.baseline(subjectId);
    if (record.offset >= committedOffset) {
      const change = {
        ref: { ...ref, offset: record.offset.toString() },
        subjectId,
        previous,
        next: record.value,
      };
      for (const notice of planNotices(change, state.pastShares(subjectId), policy, now)) {
        planned.push({ subjectId, notice });
      }
    }
    overlay.set(subjectId, record.value);
  }
  return planned;
}
