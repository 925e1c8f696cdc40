import type { ArgumentMetadata, PipeTransform, Type, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { stringQuery } from './page-response';
import { badRequest, isMalformed, messagesOf } from '../query/validation-errors';
import { validationPipe } from '../query/validation.pipe';

/** What a page gets from its query. */
export interface PageQuery<T> {
  /** The parameters as typed, to fill the page's form in again. */
  form: Record<string, string | undefined>;
  /** The query, or null when a parameter breaks its rule. */
  value: T | null;
  /** One `name: rule` line per broken rule, for the page to show. */
  errors: string[];
}

/** The rules a page's query broke, carried from the validation pipe to the page. */
class BrokenRules {
  constructor(readonly messages: string[]) {}
}

/**
 * The validation of a page's query, with the API's configuration: a malformed query (an
 * unknown or repeated parameter) is the API's 400, while a parameter that breaks its rule is
 * shown in the page next to the form, as a reviewer typed it.
 */
export class PageQueryPipe<T extends object> implements PipeTransform<
  unknown,
  Promise<PageQuery<T>>
> {
  private readonly pipe: ValidationPipe;

  constructor(dto: Type<T>) {
    this.pipe = validationPipe({
      expectedType: dto,
      exceptionFactory: (errors: ValidationError[]) =>
        isMalformed(errors) ? badRequest(messagesOf(errors)) : new BrokenRules(messagesOf(errors)),
    });
  }

  async transform(query: unknown, metadata: ArgumentMetadata): Promise<PageQuery<T>> {
    const form = stringQuery(typeof query === 'object' && query !== null ? { ...query } : {});
    try {
      return { form, value: (await this.pipe.transform(query, metadata)) as T, errors: [] };
    } catch (error) {
      if (error instanceof BrokenRules) return { form, value: null, errors: error.messages };
      throw error;
    }
  }
}
