import { BadRequestException } from '@nestjs/common';
import { PeriodQuery } from '../query/period.dto';
import { PageQueryPipe } from './page-query.pipe';

describe('PageQueryPipe', () => {
  const pipe = new PageQueryPipe(PeriodQuery);
  const run = (query: Record<string, unknown>) => pipe.transform(query, { type: 'query' });

  it('gives the query and the form as typed', async () => {
    expect(await run({ from: '2025-01-01', to: '' })).toEqual({
      form: { from: '2025-01-01', to: '' },
      value: { from: Date.parse('2025-01-01') },
      errors: [],
    });
  });

  it('leaves a broken rule to the page, to show next to the form', async () => {
    expect(await run({ from: 'later', to: '2025-01-01' })).toEqual({
      form: { from: 'later', to: '2025-01-01' },
      value: null,
      errors: ['from: must be YYYY-MM-DD or an ISO-8601 UTC time'],
    });
  });

  it('answers a malformed query with the 400 of the API', async () => {
    for (const query of [{ form: '2025-01-01' }, { from: ['2025-01-01', '2025-02-01'] }]) {
      await expect(run(query)).rejects.toThrow(BadRequestException);
    }
  });
});
