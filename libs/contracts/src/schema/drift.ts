/**
 * Proves a `DtoSpec` says what its DTO does, by asking the DTO. Class-validator's metadata
 * gives the properties (in declaration order) and the rule of each; the lib's own validator
 * then judges the spec's sample and every witness. Anything that disagrees is drift: the
 * generator refuses to write schemas that would describe a different contract.
 */
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { DtoClass } from '../validation/instantiate';
import { toInstance } from '../validation/instantiate';
import { validateMessage } from '../validation/parse-message';
import type { DtoSpec, PropertySpec, Unless, Witness } from './property-spec';

/** A property name no DTO declares, to check that unknown properties are refused. */
export const UNKNOWN_PROPERTY = 'x-unknown-property';

/** Thrown by the generator when a spec and its DTO disagree; lists every disagreement. */
export class SchemaDriftError extends Error {
  override name = 'SchemaDriftError';

  constructor(readonly problems: readonly string[]) {
    super(`JSON Schema mirrors disagree with the DTOs:\n${problems.join('\n')}`);
  }
}

/** The DTO's properties in declaration order, each with the names of its custom rules. */
export function dtoRules(dto: DtoClass<object>): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  for (const m of metadata) {
    const names = rules.get(m.propertyName) ?? [];
    if (m.type === ValidationTypes.CUSTOM_VALIDATION && m.name) names.push(m.name);
    rules.set(m.propertyName, names);
  }
  return rules;
}

/** A value of the spec's DTO that the DTO accepts: every property's sample, nested included. */
export function sampleOf(spec: DtoSpec): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(spec.properties)) {
    sample[name] = property.nested ? nestedSample(property.nested) : property.sample;
  }
  return sample;
}

function nestedSample(nested: NonNullable<PropertySpec['nested']>): unknown {
  const item = sampleOf(nested.spec);
  return nested.list ? [item] : item;
}

function concerns(line: string, property: string): boolean {
  return [':', '.', '['].some((next) => line.startsWith(`${property}${next}`));
}

/** Whether the DTO accepts `witness` for `property`, all other properties from the sample. */
function accepted(spec: DtoSpec, property: string, witness: Witness): boolean {
  const plain: Record<string, unknown> = { ...sampleOf(spec), ...witness.owner };
  if (witness.value === undefined) delete plain[property];
  else plain[property] = witness.value;
  const result = validateMessage(spec.dto, plain);
  return result.ok || !result.errors.some((line) => concerns(line, property));
}

/**
 * Owners that set one enumerated sibling to each of its values, so that a fixed presence is
 * seen to hold whatever the siblings say (a DTO that made it conditional would show).
 */
function siblingOwners(spec: DtoSpec): Record<string, unknown>[] {
  const owners: Record<string, unknown>[] = [{}];
  for (const [name, property] of Object.entries(spec.properties)) {
    for (const v of property.values ?? []) owners.push({ [name]: v });
  }
  return owners;
}

function presenceWitnesses(
  spec: DtoSpec,
  flag: boolean | Unless | undefined,
  value: undefined | null,
): { accepts: Witness[]; rejects: Witness[] } {
  if (flag === undefined || typeof flag === 'boolean') {
    const all = siblingOwners(spec).map((owner) => ({ value, owner }));
    return flag === true ? { accepts: all, rejects: [] } : { accepts: [], rejects: all };
  }
  const { property, equals } = flag.unless;
  const values = spec.properties[property]?.values ?? [];
  const owners = values.map((v) => ({ value, owner: { [property]: v } }));
  return {
    accepts: owners.filter((w) => w.owner[property] !== equals),
    rejects: owners.filter((w) => w.owner[property] === equals),
  };
}

function witnessesOf(
  spec: DtoSpec,
  property: PropertySpec,
): { accepts: Witness[]; rejects: Witness[] } {
  const absent = presenceWitnesses(spec, property.presence.optional, undefined);
  const nulled = presenceWitnesses(spec, property.presence.nullable, null);
  const accepts = [...property.accepts, ...absent.accepts, ...nulled.accepts];
  const rejects = [...property.rejects, ...absent.rejects, ...nulled.rejects];
  if (property.nested) {
    const item = sampleOf(property.nested.spec);
    const unknown = { ...item, [UNKNOWN_PROPERTY]: true };
    accepts.push({ value: property.nested.list ? [item] : item });
    rejects.push({ value: property.nested.list ? [unknown] : unknown });
  }
  return { accepts, rejects };
}

function showValue(value: unknown): string {
  if (value === undefined) return 'absent';
  const chars = typeof value === 'string' ? [...value] : [];
  if (chars.length > 16 && chars.every((c) => c === chars[0])) {
    return `${JSON.stringify(chars[0])}×${chars.length}`;
  }
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}

function show(witness: Witness): string {
  const value = showValue(witness.value);
  return witness.owner ? `${value} with ${JSON.stringify(witness.owner)}` : value;
}

function propertyDrift(spec: DtoSpec, name: string, property: PropertySpec, rules: string[]) {
  const problems: string[] = [];
  const at = `${spec.title}.${name}`;
  if (rules.length !== 1 || rules[0] !== property.rule) {
    problems.push(`${at}: DTO rule ${rules.join('+') || 'none'}, mirror says ${property.rule}`);
  }
  if (property.nested) {
    const probe = toInstance(spec.dto, { [name]: property.nested.list ? [{}] : {} });
    const held = (probe as Record<string, unknown>)[name];
    const value = Array.isArray(held) ? held[0] : held;
    if ((value as object).constructor !== property.nested.spec.dto) {
      problems.push(`${at}: DTO nests another class than ${property.nested.spec.dto.name}`);
    }
  }
  const { accepts, rejects } = witnessesOf(spec, property);
  for (const w of accepts.filter((w) => !accepted(spec, name, w))) {
    problems.push(`${at}: DTO refuses ${show(w)}, the mirror accepts it`);
  }
  for (const w of rejects.filter((w) => accepted(spec, name, w))) {
    problems.push(`${at}: DTO accepts ${show(w)}, the mirror refuses it`);
  }
  return problems;
}

/** Every disagreement between `spec` (and the specs it nests) and the DTOs; empty when none. */
export function driftOf(spec: DtoSpec, seen: Set<DtoSpec> = new Set()): string[] {
  if (seen.has(spec)) return [];
  seen.add(spec);
  const rules = dtoRules(spec.dto);
  const declared = [...rules.keys()];
  const mirrored = Object.keys(spec.properties);
  const problems: string[] = [];
  if (declared.join() !== mirrored.join()) {
    problems.push(`${spec.title}: DTO declares [${declared}], mirror has [${mirrored}]`);
  }
  const sample = validateMessage(spec.dto, sampleOf(spec));
  if (!sample.ok) problems.push(`${spec.title}: DTO refuses the mirror's sample: ${sample.errors}`);
  const unknown = validateMessage(spec.dto, { ...sampleOf(spec), [UNKNOWN_PROPERTY]: true });
  if (unknown.ok) problems.push(`${spec.title}: DTO accepts an unknown property`);
  for (const [name, property] of Object.entries(spec.properties)) {
    if (!rules.has(name)) continue;
    problems.push(...propertyDrift(spec, name, property, rules.get(name) ?? []));
    if (property.nested) problems.push(...driftOf(property.nested.spec, seen));
  }
  return problems;
}
