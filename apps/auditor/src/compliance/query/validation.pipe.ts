import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { badRequest, messagesOf } from './validation-errors';

/**
 * The one configuration of query and form validation: only parameters the DTO reads, each
 * parsed into its value by its rule (see `param-rules.ts`). An empty parameter counts as
 * absent, so its property keeps the DTO's default.
 */
export function validationPipe(
  options: Pick<ValidationPipeOptions, 'expectedType' | 'exceptionFactory'> = {},
): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { exposeUnsetFields: false },
    exceptionFactory: (errors) => badRequest(messagesOf(errors)),
    ...options,
  });
}

/** Validates a `@Query()` or `@Body()` against its DTO class; a bad one is a 400. */
export const validated = validationPipe();
