import { batchReachesEnd, isEmptyRange, isInRange, planRange } from '../src/kafka/partition-range';

describe('planRange', () => {
  const bounds = { low: 10n, high: 20n };

  it('defaults to the whole partition as it is now', () => {
    expect(planRange(bounds, {})).toEqual({ from: 10n, to: 20n });
  });

  it('clamps a start before the log start to the log start', () => {
    expect(planRange(bounds, { from: 3n })).toEqual({ from: 10n, to: 20n });
  });

  it('keeps an explicit end, even past the current end', () => {
    expect(planRange(bounds, { from: 12n, to: 15n })).toEqual({ from: 12n, to: 15n });
    expect(planRange(bounds, { to: 25n })).toEqual({ from: 10n, to: 25n });
  });
});

describe('isEmptyRange', () => {
  it('is empty when the end is at or before the start', () => {
    expect(isEmptyRange({ from: 5n, to: 5n })).toBe(true);
    expect(isEmptyRange({ from: 6n, to: 5n })).toBe(true);
    expect(isEmptyRange({ from: 5n, to: 6n })).toBe(false);
  });
});

describe('batchReachesEnd', () => {
  it('completes once the batch covers the offset before the end', () => {
    expect(batchReachesEnd('8', 10n)).toBe(false);
    expect(batchReachesEnd('9', 10n)).toBe(true);
    expect(batchReachesEnd('12', 10n)).toBe(true);
  });
});

describe('isInRange', () => {
  it('is half-open: the start is in, the end is out', () => {
    const range = { from: 5n, to: 8n };
    expect(['4', '5', '7', '8'].map((o) => isInRange(o, range))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
