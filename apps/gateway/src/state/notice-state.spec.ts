import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '@app/contracts';
import { IndexWriteFailedError, NoticeState, type IndexedShare } from './notice-state';
import { StateStore } from './state-store';

const topics = { recipients: 't.recipients', subjects: 't.subjects' };

/** An allowed share of `subjectId` to `recipientId` at audit seq `seq`. */
function share(
  seq: number,
  subjectId: string,
  recipientId: string,
  category: string,
): IndexedShare {
  const event = {
    type: 'share.allowed',
    seq,
    subjectId,
    recipientId,
    purpose: 'research',
    categoriesShared: [category],
    decidedAt: `2026-01-01T00:00:${String(seq).padStart(2, '0')}Z`,
  } as AuditEvent;
  return { event, subjectRef: `ps_${recipientId}` };
}

describe('NoticeState past-recipient index', () => {
  let dir: string;
  let store: StateStore;
  let state: NoticeState;

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'onward-notice-state-')), 'state');
    store = new StateStore(dir, topics);
    store.open({ clusterId: 'c', topicPrefix: 't.' });
    state = new NoticeState(store);
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits queued writes in order, each building on the one before', async () => {
    void state.index(0, [share(0, 's', 'r1', 'grades')], { seq: 0, fromOffset: 0n });
    void state.index(0, [share(1, 's', 'r1', 'progress'), share(2, 's', 'r2', 'grades')], {
      seq: 3,
      fromOffset: 0n,
    });
    await state.indexed(0);
    expect(state.pastShares('s')).toEqual([
      expect.objectContaining({ recipientId: 'r1', categories: ['grades', 'progress'] }),
      expect.objectContaining({ recipientId: 'r2', subjectRef: 'ps_r2', categories: ['grades'] }),
    ]);
    expect(state.indexPosition(0)).toEqual({ seq: 3, fromOffset: 0n });
  });

  it('skips shares at or below the indexed seq (a redelivery)', async () => {
    await state.index(0, [share(0, 's', 'r1', 'grades')], { seq: 0, fromOffset: 0n });
    await state.index(0, [share(0, 's', 'r1', 'other')], { seq: 0, fromOffset: 0n });
    expect(state.pastShares('s')[0].categories).toEqual(['grades']);
  });

  it('drops a partition only after its queued writes, which cannot bring it back', async () => {
    void state.index(1, [share(0, 's', 'r1', 'grades')], { seq: 0, fromOffset: 0n });
    await state.drop(1);
    expect(state.pastShares('s')).toEqual([]);
    expect(state.indexPosition(1)).toBeNull();
  });

  it('reports a failed write, even behind later ones, until the index is rebuilt', async () => {
    await state.index(0, [share(0, 's', 'r1', 'grades')], { seq: 0, fromOffset: 0n });
    const root = store.noticeTables().root;
    jest.spyOn(root, 'transaction').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      state.index(0, [share(1, 's', 'r2', 'grades')], { seq: 1, fromOffset: 0n }),
    ).rejects.toThrow('disk full');
    void state.index(0, [share(2, 's', 'r3', 'grades')], { seq: 2, fromOffset: 0n });
    await expect(state.indexed(0)).rejects.toBeInstanceOf(IndexWriteFailedError);
    await state.settleIndex(0);
    expect(state.indexPosition(0)).toBeNull();
    expect(state.pastShares('s')).toEqual([]);
    await expect(state.indexed(0)).resolves.toBeUndefined();
  });
});
