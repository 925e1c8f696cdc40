import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidEnvironmentError } from './invalid-environment.error';

/**
 * Turns `process.env` into a typed, validated config object, or throws an
 * {@link InvalidEnvironmentError} that lists every bad variable with the reason.
 * Messages name variables and rules, never values (a value may be a secret).
 */
export function validateEnv<T extends object>(
  app: string,
  cls: ClassConstructor<T>,
  env: NodeJS.ProcessEnv,
): T {
  const known = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const config = plainToInstance(cls, known, {
    enableImplicitConversion: false,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, {
    whitelist: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new InvalidEnvironmentError(app, errors.flatMap(describe));
  return config;
}

function describe(error: ValidationError): string[] {
  const own = Object.keys(error.constraints ?? {}).map(
    (rule) => `${error.property}: ${messageOf(error, rule)}`,
  );
  return [...own, ...(error.children ?? []).flatMap(describe)];
}

function messageOf(error: ValidationError, rule: string): string {
  // class-validator's messages say "<property> must be …"; keep the "must be …" part only.
  const text = error.constraints?.[rule] ?? rule;
  return text.startsWith(`${error.property} `) ? text.slice(error.property.length + 1) : text;
}
