import { BadRequestException, type Type } from '@nestjs/common';
import { DisclosuresQuery, ProcessingRecordQuery } from '../api/report-queries.dto';
import { AcknowledgeBody } from '../api/integrity.dto';
import { LoginForm } from '../page/login.dto';
import { DEFAULT_ACTIVITY_DAYS, activityFilterOf } from './activity-filter';
import { decodeCursor, encodeCursor } from './cursor';
import { EventFilterQuery, EventSearchQuery, eventSearchOf } from './event-search.dto';
import { NoQuery } from './no-query.dto';
import { PeriodQuery, periodOf } from './period.dto';
import { ShineTheLightQuery } from './shine-the-light.dto';
import { validated } from './validation.pipe';

/** The pipe as Nest runs it on `@Query() query: <dto>`. */
const parse = <T>(dto: Type<T>, query: Record<string, unknown>): Promise<T> =>
  validated.transform(query, { type: 'query', metatype: dto }) as Promise<T>;

/** The body of the 400 the pipe answers with. */
async function refusal(dto: Type<unknown>, query: Record<string, unknown>): Promise<unknown> {
  const error: unknown = await parse(dto, query).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BadRequestException)) throw new Error('expected a 400');
  return error.getResponse();
}

const messages = async (dto: Type<unknown>, query: Record<string, unknown>) =>
  ((await refusal(dto, query)) as { message: string[] }).message;

describe('the event search query', () => {
  it('reads every filter, the page size and the cursor', async () => {
    const cursor = encodeCursor({ decidedMs: 5, partition: 1, offset: 7 });
    const query = await parse(EventSearchQuery, {
      subjectId: 's',
      recipientId: 'r',
      decision: 'deny',
      reasonCode: 'SUBJECT_OPTED_OUT',
      purpose: 'marketing',
      category: 'contact.email',
      transferBasis: 'contract',
      from: '2025-01-01',
      to: '2025-02-01T00:00:00Z',
      limit: '10',
      cursor,
    });
    expect(eventSearchOf(query)).toEqual({
      filter: {
        subjectId: 's',
        recipientId: 'r',
        decision: 'deny',
        reasonCode: 'SUBJECT_OPTED_OUT',
        purpose: 'marketing',
        category: 'contact.email',
        transferBasis: 'contract',
        fromMs: Date.parse('2025-01-01T00:00:00Z'),
        toMs: Date.parse('2025-02-01T00:00:00Z'),
      },
      after: { decidedMs: 5, partition: 1, offset: 7 },
      limit: 10,
    });
  });

  it('takes an empty parameter as absent, and the default page size', async () => {
    const query = await parse(EventSearchQuery, { subjectId: '', limit: '', cursor: '' });
    expect(eventSearchOf(query)).toEqual({ filter: {}, limit: 50 });
  });

  it('lists every bad parameter by name and rule, without its value', async () => {
    const body = await refusal(EventSearchQuery, {
      decision: 'maybe',
      from: 'yesterday',
      limit: '0',
      cursor: 'nope',
      category: 'c'.repeat(129),
    });
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.arrayContaining([
        'decision: must be one of allow, deny, reject, notice',
        'from: must be YYYY-MM-DD or an ISO-8601 UTC time',
        'limit: must be an integer from 1 to 500',
        'cursor: is not a cursor of this search',
        'category: must be one string of at most 128 characters',
      ]),
    });
    expect((body as { message: string[] }).message).toHaveLength(5);
    expect(JSON.stringify(body)).not.toContain('yesterday');
  });

  it('keeps the order of the rules of one class', async () => {
    expect(await messages(EventFilterQuery, { from: 'later', decision: 'maybe' })).toEqual([
      'decision: must be one of allow, deny, reject, notice',
      'from: must be YYYY-MM-DD or an ISO-8601 UTC time',
    ]);
  });

  it.each(['1.5', '-1', '1e2', ' 10', '501', '0x10'])('refuses limit=%j', async (limit) => {
    expect(await messages(EventSearchQuery, { limit })).toEqual([
      'limit: must be an integer from 1 to 500',
    ]);
  });

  it('refuses a tampered cursor', () => {
    expect(decodeCursor(Buffer.from('[1,-2,3]').toString('base64url'))).toBeNull();
  });
});

describe('a malformed query', () => {
  it('names an unknown parameter, a repeated one and a hostile name, never a value', async () => {
    const hostile = 'n'.repeat(500);
    const lines = await messages(EventSearchQuery, {
      subjectid: 'learner-1',
      'subjectId[]': 'learner-1',
      [hostile]: 'v',
      recipientId: ['a', 'b'],
    });
    expect(lines).toEqual([
      'subjectid: unknown parameter',
      '"subjectId[]": unknown parameter',
      `"${'n'.repeat(64)}…": unknown parameter`,
      'recipientId: given more than once',
    ]);
  });

  it('refuses any parameter where none is read', async () => {
    expect(await messages(NoQuery, { format: 'csv' })).toEqual(['format: unknown parameter']);
    await expect(parse(NoQuery, {})).resolves.toBeInstanceOf(NoQuery);
  });
});

describe('the activity charts', () => {
  const now = new Date('2026-03-10T15:30:00Z');
  const filterOf = async (query: Record<string, string>) =>
    activityFilterOf(await parse(EventFilterQuery, query), now);

  it('shows the last 30 days, today included, when no period is asked for', async () => {
    expect(await filterOf({ decision: 'deny' })).toEqual({
      decision: 'deny',
      fromMs: Date.parse('2026-03-11') - DEFAULT_ACTIVITY_DAYS * 86_400_000,
      toMs: Date.parse('2026-03-11'),
    });
  });

  it('keeps a period given, open at one end, and refuses a bad one', async () => {
    expect(await filterOf({ from: '2025-01-01' })).toEqual({ fromMs: Date.parse('2025-01-01') });
    expect(await messages(EventFilterQuery, { to: 'yesterday' })).toEqual([
      'to: must be YYYY-MM-DD or an ISO-8601 UTC time',
    ]);
    expect(await messages(EventFilterQuery, { limit: '5' })).toEqual(['limit: unknown parameter']);
  });
});

describe('the report queries', () => {
  it('requires subject and year for Shine the Light', async () => {
    expect(await messages(ShineTheLightQuery, {})).toEqual([
      'subjectId: is required',
      'year: is required',
    ]);
    expect(await parse(ShineTheLightQuery, { subjectId: 's', year: '2025' })).toEqual({
      subjectId: 's',
      year: 2025,
    });
  });

  it('refuses a period that ends before it starts, once both ends are instants', async () => {
    const period = { from: '2025-02-01', to: '2025-01-01' };
    expect(await messages(PeriodQuery, period)).toEqual(['to: must not be before from']);
    expect(await messages(PeriodQuery, { ...period, to: 'x' })).toEqual([
      'to: must be YYYY-MM-DD or an ISO-8601 UTC time',
    ]);
    expect(periodOf(await parse(PeriodQuery, { from: '2025-01-01' }))).toEqual({
      fromMs: Date.parse('2025-01-01'),
      toMs: undefined,
    });
  });

  it('reads the format, json by default, and receipts as JSON only', async () => {
    expect(await parse(ProcessingRecordQuery, {})).toMatchObject({ format: 'json' });
    expect(await parse(ProcessingRecordQuery, { format: 'xlsx' })).toMatchObject({
      format: 'xlsx',
    });
    expect(await messages(DisclosuresQuery, { format: 'xlsx', receipts: 'yes' })).toEqual([
      'receipts: must be true or false',
      'format: must be one of json, csv',
    ]);
    expect(await messages(DisclosuresQuery, { format: 'csv', receipts: 'true' })).toEqual([
      'receipts: JSON only, not with format=csv',
    ]);
    expect(await parse(DisclosuresQuery, { receipts: 'true' })).toMatchObject({ receipts: true });
  });
});

describe('the form bodies', () => {
  const body = <T>(dto: Type<T>, value: unknown) =>
    validated.transform(value, { type: 'body', metatype: dto }) as Promise<T>;

  it('reads an acknowledgement note of at most 500 characters', async () => {
    expect(await body(AcknowledgeBody, { note: 'checked' })).toEqual({ note: 'checked' });
    expect(await body(AcknowledgeBody, undefined)).toEqual({});
    await expect(body(AcknowledgeBody, { note: 'n'.repeat(501) })).rejects.toThrow(
      BadRequestException,
    );
    await expect(body(AcknowledgeBody, { note: 7 })).rejects.toThrow(BadRequestException);
  });

  it('sends a sign-in back to one of our pages only', async () => {
    expect(await body(LoginForm, { token: 't', next: '/ui/events?decision=deny' })).toEqual({
      token: 't',
      next: '/ui/events?decision=deny',
    });
    expect(await body(LoginForm, { token: 't', next: 'https://evil.example/' })).toEqual({
      token: 't',
      next: '/ui',
    });
  });
});
