import { recipientRecord } from '../../../../../test/support/auditor/audit-events';
import type { RecipientVersion } from '../../store/store.types';
import { csvField, toCsv } from './csv';
import { registrationAt } from './registration';

const version = (validFromMs: number, address: string | null): RecipientVersion => ({
  recipientId: 'r',
  partition: 0,
  offset: validFromMs,
  validFromMs,
  recipient: address === null ? null : recipientRecord({ recipientId: 'r', address }),
});

describe('registrationAt', () => {
  const history = [version(10, 'A'), version(20, 'B'), version(30, null), version(40, 'C')];

  it.each([
    [10, 'A', true],
    [19, 'A', true],
    [25, 'B', true],
    [45, 'C', true],
  ])('at %d: %s, in force', (at, address, inForce) => {
    expect(registrationAt('r', history, at)).toMatchObject({ address, inForceThen: inForce });
  });

  it('falls back to the last registration before a deregistration, flagged', () => {
    expect(registrationAt('r', history, 35)).toMatchObject({ address: 'B', inForceThen: false });
  });

  it('falls back to the first later registration when none came before (compacted away)', () => {
    expect(registrationAt('r', history, 5)).toMatchObject({ address: 'A', inForceThen: false });
  });

  it('says nothing it does not know', () => {
    expect(registrationAt('r', [], 5)).toEqual({
      recipientId: 'r',
      name: null,
      address: null,
      country: null,
      kind: null,
      registeredFrom: null,
      inForceThen: false,
    });
  });
});

describe('CSV', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"\nnow']])).toBe(
      'a,b\r\n"x,y","say ""hi""\nnow"\r\n',
    );
  });

  it('defuses spreadsheet formulas in text, not in numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
  });
});
