import { BadRequestException } from '@nestjs/common';
import { ValidationTypes, type ValidationError } from 'class-validator';
import { SINGLE } from './param-rules';

const MAX_NAME_CHARS = 64;
const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;

/** A parameter name as an error shows it: plain names as is, others quoted and cut. */
function shown(name: string): string {
  if (name.length <= MAX_NAME_CHARS && PLAIN_NAME.test(name)) return name;
  const cut = name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name;
  return JSON.stringify(cut);
}

const isUnknown = (error: ValidationError) =>
  error.constraints?.[ValidationTypes.WHITELIST] !== undefined;

/**
 * Whether the query itself is malformed (a parameter the route does not read, or one given
 * more than once) rather than a parameter breaking its rule: a mistyped filter (`subjectid=`,
 * `subjectId[]=`) would otherwise be ignored and the answer would be unfiltered data.
 */
export function isMalformed(errors: ValidationError[]): boolean {
  return errors.some((e) => isUnknown(e) || e.constraints?.[SINGLE] !== undefined);
}

/** One `name: rule` line per broken rule, in the order of the DTO; never a value. */
export function messagesOf(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    isUnknown(error)
      ? [`${shown(error.property)}: unknown parameter`]
      : Object.values(error.constraints ?? {}).map((rule) => `${error.property}: ${rule}`),
  );
}

/** The 400 that lists every bad parameter, the body every route of the auditor answers with. */
export function badRequest(messages: string[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: messages });
}
