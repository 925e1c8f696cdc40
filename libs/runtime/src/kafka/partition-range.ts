/** The offsets a partition holds now: `low` is its first, `high` one past its last readable. */
export interface PartitionBounds {
  low: bigint;
  high: bigint;
}

/** A half-open offset range `[from, to)` of one partition. */
export interface OffsetRange {
  from: bigint;
  to: bigint;
}

/**
 * The range a read covers: `from` clamped to the log's start (records before it are gone),
 * `to` defaulting to the end the log has now. A `to` past the end is kept: the read waits for
 * those records, within its time limit.
 */
export function planRange(
  bounds: PartitionBounds,
  wanted: { from?: bigint; to?: bigint },
): OffsetRange {
  const from = wanted.from === undefined || wanted.from < bounds.low ? bounds.low : wanted.from;
  const to = wanted.to ?? bounds.high;
  return { from, to };
}

/** True when nothing lies in the range, so no consumer is needed. */
export function isEmptyRange(range: OffsetRange): boolean {
  return range.to <= range.from;
}

/**
 * True once a fetched batch ending at `lastOffset` reaches the range's end. kafkajs reports a
 * batch's last offset including filtered records (a transaction's commit or abort marker, an
 * aborted record), so a range whose last offset is a control record still completes.
 */
export function batchReachesEnd(lastOffset: string, to: bigint): boolean {
  return BigInt(lastOffset) + 1n >= to;
}

/** True for a record offset inside the range. */
export function isInRange(offset: string, range: OffsetRange): boolean {
  const value = BigInt(offset);
  return value >= range.from && value < range.to;
}
