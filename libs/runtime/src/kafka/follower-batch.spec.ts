import { chunkRecords, settlesWithin, withHeartbeats } from './follower-batch';

const fetched = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    offset: String(i),
    key: null,
    value: Buffer.from(`v${i}`),
    timestamp: '0',
    headers: {},
  }));

describe('chunkRecords', () => {
  it('splits a batch into runs of at most max records, in order, as stream records', () => {
    const chunks = chunkRecords(fetched(7), 3);
    expect(chunks.map((c) => c.map((r) => r.offset))).toEqual([
      ['0', '1', '2'],
      ['3', '4', '5'],
      ['6'],
    ]);
    expect(Object.keys(chunks[0][0]).sort()).toEqual(['key', 'offset', 'timestamp', 'value']);
  });

  it('yields nothing for an empty batch and never runs of zero', () => {
    expect(chunkRecords([], 5)).toEqual([]);
    expect(chunkRecords(fetched(2), 0)).toHaveLength(2);
  });
});

describe('withHeartbeats', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('beats while the task runs and stops after it, even when a beat fails', async () => {
    let beats = 0;
    const heartbeat = async () => {
      beats += 1;
      if (beats === 1) throw new Error('rebalancing');
    };
    let finish: () => void = () => undefined;
    const running = withHeartbeats(
      heartbeat,
      100,
      () => new Promise<string>((r) => (finish = () => r('done'))),
    );
    await jest.advanceTimersByTimeAsync(350);
    expect(beats).toBe(3);
    finish();
    await expect(running).resolves.toBe('done');
    await jest.advanceTimersByTimeAsync(500);
    expect(beats).toBe(3);
  });
});

describe('settlesWithin', () => {
  it('says whether the work settled before the time ran out', async () => {
    await expect(settlesWithin(Promise.resolve(), 1000)).resolves.toBe(true);
    await expect(settlesWithin(Promise.reject(new Error('x')), 1000)).resolves.toBe(true);
    await expect(settlesWithin(new Promise(() => undefined), 10)).resolves.toBe(false);
  });
});
