import { PartitionProgress } from './partition-progress';

const limits = { maxConsecutiveAborts: 3, maxBatchMs: 60_000 };

describe('PartitionProgress', () => {
  it('calls a partition stuck after aborts in a row, and moving again after a commit', () => {
    const progress = new PartitionProgress(limits);
    for (let i = 0; i < 2; i++) progress.aborted(1, 1000 + i * 1000);
    expect(progress.stuck(3000)).toEqual([]);
    expect(progress.aborted(1, 5000)).toBe(3);
    expect(progress.stuck(6000)).toEqual([
      { partition: 1, reason: '3 batches aborted in a row over 5 s' },
    ]);
    progress.committed(1);
    expect(progress.stuck(7000)).toEqual([]);
  });

  it('calls a batch in flight beyond the bound stuck, and forgets revoked partitions', () => {
    const progress = new PartitionProgress(limits);
    progress.started(2, 0);
    progress.started(0, 50_000);
    expect(progress.stuck(60_000)).toEqual([]);
    expect(progress.stuck(61_000)).toEqual([
      { partition: 2, reason: 'one batch in flight for 61 s' },
    ]);
    progress.forget(2);
    progress.idle(0);
    expect(progress.stuck(200_000)).toEqual([]);
  });
});
