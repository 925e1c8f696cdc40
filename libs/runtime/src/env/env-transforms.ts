import { Transform } from 'class-transformer';

/** Reads an integer variable; anything that is not a whole number stays a string and fails validation. */
export const ToInt = (): PropertyDecorator =>
  Transform(({ value }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
  );

/** Reads a boolean variable written as true/false/1/0. */
export const ToBool = (): PropertyDecorator =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    return value;
  });
