import { HASH_BYTES, type CompactRange } from '@app/contracts';

/** A compact range's peaks as stored: their hashes end to end, largest subtree first. */
export function packPeaks(range: CompactRange): Buffer {
  return Buffer.concat(range.peaks);
}

/** A stored range back; throws when the bytes cannot be the peaks of a tree of `size`. */
export function unpackRange(size: number, peaks: Buffer): CompactRange {
  let bits = 0;
  for (let s = size; s > 0; s = Math.floor(s / 2)) bits += s % 2;
  if (!Number.isSafeInteger(size) || peaks.length !== bits * HASH_BYTES) {
    throw new Error(`stored compact range of size ${size} has ${peaks.length} bytes of peaks`);
  }
  const hashes: Buffer[] = [];
  for (let i = 0; i < bits; i += 1) {
    hashes.push(Buffer.from(peaks.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES)));
  }
  return { size, peaks: hashes };
}
