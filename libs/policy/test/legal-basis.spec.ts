import type { LegalBasis } from '@app/contracts/share-request';
import { setup } from './support/setup';

describe('legal basis (check 9)', () => {
  const table: Array<[string, string, string, LegalBasis | undefined, boolean]> = [
    [
      'authority',
      'legal_process',
      'subpoena',
      { kind: 'subpoena', reference: 'SDNY-2026-118' },
      true,
    ],
    ['authority', 'legal_process', 'court_order', { kind: 'court_order', reference: 'C-1' }, true],
    [
      'authority',
      'legal_process',
      'legal_process',
      { kind: 'legal_process', reference: 'L-1' },
      true,
    ],
    [
      'authority',
      'legal_process',
      'emergency (wrong row)',
      { kind: 'emergency', reference: 'E-1' },
      false,
    ],
    ['authority', 'legal_process', 'no basis', undefined, false],
    ['authority', 'legal_process', 'empty reference', { kind: 'subpoena', reference: '' }, false],
    [
      'authority',
      'legal_process',
      'blank reference',
      { kind: 'subpoena', reference: '   ' },
      false,
    ],
    ['authority', 'protection', 'emergency', { kind: 'emergency', reference: 'E-1' }, true],
    ['authority', 'protection', 'investigation', { kind: 'investigation', reference: 'I-1' }, true],
    [
      'authority',
      'protection',
      'subpoena (wrong row)',
      { kind: 'subpoena', reference: 'S-1' },
      false,
    ],
    [
      'acquirer',
      'corporate_transaction',
      'corporate_transaction',
      { kind: 'corporate_transaction', reference: 'SPA-1' },
      true,
    ],
    [
      'acquirer',
      'corporate_transaction',
      'court_order',
      { kind: 'court_order', reference: 'C-1' },
      false,
    ],
    ['acquirer', 'corporate_transaction', 'no basis', undefined, false],
  ];

  it.each(table)('%s / %s with %s', (kind, purpose, _n, legalBasis, ok) => {
    const { decision } = setup({
      kind: kind as 'authority' | 'acquirer',
      request: { purpose, legalBasis, data: { name: 'Ada' } },
    });
    expect(decision.decision).toBe(ok ? 'allow' : 'deny');
    if (!ok) {
      expect(decision.reasons).toEqual([
        {
          code: 'LEGAL_BASIS_REQUIRED',
          rule: `matrix.${purpose}`,
          clause:
            kind === 'acquirer'
              ? 'Disclosure to Acquirers'
              : 'Government Authorities, Legal Rights and Actions',
        },
      ]);
    }
  });

  it('rows without a legal-basis column ignore a legal basis', () => {
    const { decision } = setup({ request: { legalBasis: { kind: 'anything', reference: '' } } });
    expect(decision.decision).toBe('allow');
  });
});
