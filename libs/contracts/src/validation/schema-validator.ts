/**
 * Runs class-validator over a DTO class and turns its error tree into `"<path>: <problem>"`
 * lines. One Validator and one frozen option set serve every call: class-validator keeps the
 * decorator metadata per class in its global storage, so nothing is rebuilt per message.
 */
import { type ValidationError, Validator, type ValidatorOptions } from 'class-validator';
import { type DtoClass, toInstance } from './instantiate';
import type { JsonObject } from './json-input';
import { type PathSegment, pathError } from './property-path';

const validator = new Validator();

const VALIDATOR_OPTIONS: ValidatorOptions = Object.freeze({
  // Unknown properties are an error, not silently dropped (DESIGN §3). `data` carries a rule
  // but no nested validation, so its contents are neither whitelisted nor inspected.
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // One error line per bad property; the rules are written so the first is the telling one.
  stopAtFirstError: true,
  // Keep values out of the error objects altogether, not just out of the messages.
  validationError: Object.freeze({ target: false, value: false }),
});

// Problems for class-validator's own constraint types, whose stock messages we never use.
const BUILT_IN_PROBLEMS: Readonly<Record<string, string>> = {
  whitelistValidation: 'unknown property',
  unknownValue: 'must be a JSON object',
  nestedValidation: 'must be an object',
};

function flatten(
  errors: readonly ValidationError[],
  parentPath: readonly PathSegment[],
  parentValue: unknown,
  out: string[],
): void {
  for (const error of errors) {
    // Array elements come back as properties "0", "1"…; the plain value tells an index from
    // an object key that happens to be numeric.
    const isIndex = Array.isArray(parentValue) && /^\d+$/.test(error.property ?? '');
    const segment = isIndex ? Number(error.property) : error.property;
    const path = segment === undefined ? [...parentPath] : [...parentPath, segment];
    for (const [type, message] of Object.entries(error.constraints ?? {})) {
      out.push(pathError(path, BUILT_IN_PROBLEMS[type] ?? message ?? type));
    }
    if (error.children && error.children.length > 0) {
      const value =
        segment === undefined || typeof parentValue !== 'object' || parentValue === null
          ? undefined
          : (parentValue as Record<PathSegment, unknown>)[segment];
      flatten(error.children, path, value, out);
    }
  }
}

/**
 * Lists every schema violation of `plain` against `dto`. `plain` must already have passed the
 * structural checks (`checkJsonObject`): keys are copied onto the instance as they are.
 */
export function schemaErrors<T extends object>(dto: DtoClass<T>, plain: JsonObject): string[] {
  const instance = toInstance(dto, plain);
  const errors = validator.validateSync(instance, VALIDATOR_OPTIONS);
  const out: string[] = [];
  flatten(errors, [], plain, out);
  return out;
}
