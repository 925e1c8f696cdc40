import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from '@app/runtime';

function namesOf(enumObject: object): Map<number, string> {
  return new Map(
    Object.entries(enumObject)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => [v as number, k]),
  );
}

const RESOURCE = namesOf(AclResourceTypes);
const PATTERN = namesOf(ResourcePatternTypes);
const OPERATION = namesOf(AclOperationTypes);
const PERMISSION = namesOf(AclPermissionTypes);

/** An ACL entry with names instead of the protocol's numbers, for output. */
export interface NamedAcl {
  principal: string;
  resourceType: string;
  patternType: string;
  resourceName: string;
  operation: string;
  permission: string;
  host: string;
}

/** `entry` with names instead of numbers. */
export function namedAcl(entry: AclEntry): NamedAcl {
  const name = (map: Map<number, string>, n: number) => map.get(n) ?? String(n);
  return {
    principal: entry.principal,
    resourceType: name(RESOURCE, entry.resourceType),
    patternType: name(PATTERN, entry.resourcePatternType),
    resourceName: entry.resourceName,
    operation: name(OPERATION, entry.operation),
    permission: name(PERMISSION, entry.permissionType),
    host: entry.host,
  };
}
