import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import type { RawQuery } from './query-params';

const MAX_NAME_CHARS = 64;
const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;

/** A parameter name as an error shows it: plain names as is, others quoted and cut. */
function shown(name: string): string {
  if (name.length <= MAX_NAME_CHARS && PLAIN_NAME.test(name)) return name;
  const cut = name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name;
  return JSON.stringify(cut);
}

/**
 * Refuses a query with a parameter the route does not read, or one given more than once: a
 * mistyped filter (`subjectid=`, `subjectId[]=`) would otherwise be ignored and the answer
 * would be unfiltered data. The 400 names every such parameter, never a value. Express 5
 * parses queries with `querystring`, so a repeated name is an array and `a[]` a name of its own.
 */
@Injectable()
export class KnownParams implements PipeTransform<RawQuery, RawQuery> {
  private readonly names: ReadonlySet<string>;

  constructor(...names: string[]) {
    this.names = new Set(names);
  }

  transform(query: RawQuery): RawQuery {
    const errors: string[] = [];
    for (const [name, value] of Object.entries(query ?? {})) {
      if (!this.names.has(name)) errors.push(`${shown(name)}: unknown parameter`);
      else if (typeof value !== 'string') errors.push(`${name}: given more than once`);
    }
    if (errors.length > 0) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: errors });
    }
    return query;
  }
}

/** The parameters of the event search. */
export const EVENT_PARAMS = [
  'subjectId',
  'recipientId',
  'decision',
  'reasonCode',
  'purpose',
  'category',
  'transferBasis',
  'from',
  'to',
  'limit',
  'cursor',
] as const;
