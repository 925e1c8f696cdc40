import {
  isUnclassifiedFieldToken,
  unclassifiedFieldKey,
  unclassifiedFieldToken,
} from '@app/contracts';
import { auditFieldsOf } from './audit-fields';

const key = unclassifiedFieldKey(Buffer.from('unit-pseudonym-key-0123456789'));
const rule = 'minimise.dictionary';

describe('auditFieldsOf', () => {
  it('replaces unclassified names by their token, keeps dictionary names, and keeps the list sorted', () => {
    const name = 'ssn 078-05-1120 of victim@example.org';
    const out = auditFieldsOf(
      {
        reasons: [
          { code: 'UNCLASSIFIED_FIELD', field: name, rule, clause: '' },
          { code: 'CATEGORY_NOT_PERMITTED', field: 'dateOfBirth', rule, clause: '' },
        ],
        fieldsWithheld: ['dateOfBirth', name],
      },
      key,
    );
    const token = unclassifiedFieldToken(name, key);
    expect(isUnclassifiedFieldToken(token)).toBe(true);
    expect(out.fieldsWithheld).toEqual(['dateOfBirth', token]);
    expect(out.reasons.map((r) => r.field)).toEqual([token, 'dateOfBirth']);
    expect(JSON.stringify(out)).not.toContain('078-05');
  });

  it('gives equal names equal tokens under one key and different tokens under another', () => {
    const other = unclassifiedFieldKey(Buffer.from('another-pseudonym-key-987654'));
    expect(unclassifiedFieldToken('nickname', key)).toBe(unclassifiedFieldToken('nickname', key));
    expect(unclassifiedFieldToken('nickname', key)).not.toBe(
      unclassifiedFieldToken('nickname', other),
    );
  });
});
