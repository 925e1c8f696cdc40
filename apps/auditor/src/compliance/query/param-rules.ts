import { applyDecorators } from '@nestjs/common';
import { isCalendarDate, isUtcTimestamp } from '@app/contracts';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** The constraint class-validator reports for a parameter given more than once. */
export const SINGLE = 'single';

/** A rule of one parameter: what its text must be, and the value it becomes. */
export interface ParamRule<T> {
  /** The constraint's name, as class-validator reports it. */
  name: string;
  /** What the text must be, as a 400 says it after the parameter's name. */
  message: string;
  /** The value of a text that keeps the rule, else undefined. */
  parse(text: string): T | undefined;
}

// Markers the transform leaves where a value was refused, for the validators to report: the
// transform runs before validation and must not lose why (and never keeps the value itself).
class Repeated {}
class Refused {}

/** A parameter read once: empty counts as absent, a repeated one and a bad one are marked. */
function read<T>(rule: ParamRule<T>, value: unknown): T | Repeated | Refused | undefined {
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return new Repeated();
  if (typeof value !== 'string') return new Refused();
  return rule.parse(value) ?? new Refused();
}

/**
 * A property read from a query (or form) parameter of the same name: its text is parsed by
 * `rule` into the property's value; a bad, repeated or missing required one is a
 * validation error naming the parameter and the rule, never the value.
 */
export function Parsed<T>(rule: ParamRule<T>, options: { required?: boolean } = {}) {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => read(rule, value), { toClassOnly: true }),
    ValidateBy({
      name: SINGLE,
      validator: {
        validate: (value: unknown) => !(value instanceof Repeated),
        defaultMessage: () => 'given more than once',
      },
    }),
    ValidateBy({
      name: rule.name,
      validator: {
        validate: (value: unknown) =>
          value === undefined ? options.required !== true : !(value instanceof Refused),
        defaultMessage: (args) => (args?.value === undefined ? 'is required' : rule.message),
      },
    }),
  );
}

/** A text of 1..max characters. */
export const text = (max = 256): ParamRule<string> => ({
  name: 'text',
  message: `must be one string of at most ${max} characters`,
  parse: (value) => (value.length <= max ? value : undefined),
});

/** One of a closed list. */
export const oneOf = <T extends string>(allowed: readonly T[]): ParamRule<T> => ({
  name: 'oneOf',
  message: `must be one of ${allowed.join(', ')}`,
  parse: (value) => allowed.find((a) => a === value),
});

/** `true` or `false`. */
export const flag: ParamRule<boolean> = {
  name: 'flag',
  message: 'must be true or false',
  parse: (value) => (value === 'true' ? true : value === 'false' ? false : undefined),
};

/** An integer in [min, max], in plain digits. */
export const integer = (min: number, max: number): ParamRule<number> => ({
  name: 'integer',
  message: `must be an integer from ${min} to ${max}`,
  parse: (value) => {
    const n = /^\d{1,20}$/.test(value) ? Number(value) : NaN;
    return n >= min && n <= max ? n : undefined;
  },
});

/** An instant: `YYYY-MM-DD` (midnight UTC) or an ISO-8601 UTC timestamp; epoch ms. */
export const instant: ParamRule<number> = {
  name: 'instant',
  message: 'must be YYYY-MM-DD or an ISO-8601 UTC time',
  parse: (value) => {
    if (value.length > 40) return undefined;
    if (isCalendarDate(value)) return Date.parse(`${value}T00:00:00Z`);
    if (isUtcTimestamp(value)) return Date.parse(value);
    return undefined;
  },
};
