import type { AuditEventBody } from '@app/contracts';
import type { ProcessedRecord } from '../share-request/share-request.processor';
import { primaryReason, reasonCodes, tallyBatch } from './decision-summary';

const CITE = { rule: 'r', clause: 'c' };

function record(
  decision: AuditEventBody['decision'],
  reasons: { code: string; field?: string }[],
  dlq: ProcessedRecord['dlq'] = null,
): ProcessedRecord {
  const audit = {
    decision,
    reasons: reasons.map((r) => ({ ...r, ...CITE })),
  } as unknown as AuditEventBody;
  return { audit, share: null, dlq };
}

describe('decision summary', () => {
  it('takes the first request-level reason of a denial as primary', () => {
    const denied = record('deny', [
      { code: 'CATEGORY_NOT_PERMITTED', field: 'email' },
      { code: 'SUBJECT_OPTED_OUT' },
      { code: 'NO_TRANSFER_MECHANISM' },
    ]).audit;
    expect(primaryReason(denied)).toBe('SUBJECT_OPTED_OUT');
    expect(primaryReason(record('allow', [{ code: 'NEVER_SHARED', field: 'x' }]).audit)).toBeNull();
    expect(
      reasonCodes(record('deny', [{ code: 'A' }, { code: 'B' }, { code: 'A' }]).audit),
    ).toEqual(['A', 'B']);
  });

  it('tallies a batch by outcome and reason, withheld fields of allowed shares, and DLQ codes', () => {
    const tally = tallyBatch([
      record('allow', [{ code: 'NEVER_SHARED', field: 'ssn' }]),
      record('allow', [
        { code: 'NEVER_SHARED', field: 'ssn' },
        { code: 'CATEGORY_NOT_PERMITTED', field: 'dob' },
      ]),
      record('deny', [{ code: 'RECIPIENT_SUSPENDED' }, { code: 'NEVER_SHARED', field: 'ssn' }]),
      record('reject', [{ code: 'INVALID_JSON' }], { code: 'INVALID_JSON', errors: [] }),
    ]);
    expect([...tally.decisions.values()]).toEqual([
      { outcome: 'allow', reason: 'none', count: 2 },
      { outcome: 'deny', reason: 'RECIPIENT_SUSPENDED', count: 1 },
      { outcome: 'reject', reason: 'INVALID_JSON', count: 1 },
    ]);
    expect(tally.withheld).toEqual(
      new Map([
        ['NEVER_SHARED', 2],
        ['CATEGORY_NOT_PERMITTED', 1],
      ]),
    );
    expect(tally.dlq).toEqual(new Map([['INVALID_JSON', 1]]));
  });
});
