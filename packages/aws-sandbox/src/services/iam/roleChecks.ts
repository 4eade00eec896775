import { AwsError } from '../../core/types';
import { IamStore, StoredRole } from './iamStore';

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') {
    const field = name.charAt(0).toLowerCase() + name.slice(1);
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function checkRoleName(name: string): void {
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
}

export function checkPath(path: string): void {
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
    throw new AwsError(
      'ValidationError',
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    );
  }
}

export function existingRole(store: IamStore, roleName: string): StoredRole {
  const stored = store.find(roleName);
  if (!stored) {
    throw new AwsError(
      'NoSuchEntity',
      `The role with name ${roleName} cannot be found.`,
      404,
    );
  }
  return stored;
}
