// Orders test files so that the ones known to take minutes start first: with two workers the
// short files then fill in around them, instead of a long file starting last and running alone
// at the end. Jest's own sequencer orders by the timings it cached after an earlier run and
// falls back to file size, which says little about a broker test's length (and a clean clone
// in CI has no cache); it still orders everything not in the list.
const Sequencer = require('@jest/test-sequencer').default;

/** Files that take minutes on a 2-core machine, longest first (from `jest --json` timings). */
const KNOWN_LONG = [
  'test/fault/broker-faults.e2e-spec.ts',
  'test/gateway/state-restore.e2e-spec.ts',
  'test/security/partner-isolation.e2e-spec.ts',
  'test/gateway/crash-consistency.e2e-spec.ts',
  'test/auditor/tampering.e2e-spec.ts',
  'test/security/partner-suspension.e2e-spec.ts',
];

const rank = (test) => {
  const i = KNOWN_LONG.findIndex((suffix) => test.path.endsWith(suffix));
  return i < 0 ? KNOWN_LONG.length : i;
};

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests).map((test, i) => ({ test, i }));
    sorted.sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i);
    return sorted.map(({ test }) => test);
  }
}

module.exports = LongestFirstSequencer;
