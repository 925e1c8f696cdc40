/**
 * Turns a checked plain object into DTO instances for class-validator. class-transformer could
 * do it, but it deep-copies every property including `data`, which costs milliseconds on a
 * large payload the schema never looks at; here nested DTOs are instantiated and every other
 * value, `data` included, is passed by reference.
 */

/** A DTO class with a no-argument constructor. */
export type DtoClass<T> = new () => T;

/** A nested DTO declared by the `Nested` / `NestedList` rules. */
interface NestedType {
  dto: () => DtoClass<object>;
  list: boolean;
}

const NESTED = new WeakMap<object, Map<string, NestedType>>();

/** Records that `property` of the class whose prototype is `prototype` holds `dto` objects. */
export function registerNested(prototype: object, property: string, nested: NestedType): void {
  const properties = NESTED.get(prototype) ?? new Map<string, NestedType>();
  properties.set(property, nested);
  NESTED.set(prototype, properties);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function convert(type: NestedType, value: unknown): unknown {
  // Values of the wrong shape are left as they are, for the rules to report.
  if (!type.list) return isObject(value) ? toInstance(type.dto(), value) : value;
  if (!Array.isArray(value)) return value;
  return value.map((item) => (isObject(item) ? toInstance(type.dto(), item) : item));
}

/**
 * An instance of `dto` carrying the properties of `plain`, known or not (unknown ones are
 * there for the whitelist check to refuse). `plain` must have passed the structural checks.
 */
export function toInstance<T extends object>(dto: DtoClass<T>, plain: Record<string, unknown>): T {
  const instance = new dto() as Record<string, unknown>;
  const nested = NESTED.get(dto.prototype);
  for (const key of Object.keys(plain)) {
    const type = nested?.get(key);
    instance[key] = type === undefined ? plain[key] : convert(type, plain[key]);
  }
  return instance as T;
}
