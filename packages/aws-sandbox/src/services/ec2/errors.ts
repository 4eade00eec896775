import { AwsError } from '../../core/types';

/**
 * `InvalidVpcID.NotFound: The vpc ID 'vpc-1' does not exist`, or for several ids
 * `The vpc IDs 'vpc-1, vpc-2' do not exist`, as EC2 words it.
 */
export function idsNotFound(
  code: string,
  noun: string,
  ids: string[],
): AwsError {
  const message =
    ids.length === 1
      ? `The ${noun} ID '${ids[0]}' does not exist`
      : `The ${noun} IDs '${ids.join(', ')}' do not exist`;
  return new AwsError(code, message);
}

export const vpcNotFound = (...ids: string[]) =>
  idsNotFound('InvalidVpcID.NotFound', 'vpc', ids);
export const subnetNotFound = (...ids: string[]) =>
  idsNotFound('InvalidSubnetID.NotFound', 'subnet', ids);
export const internetGatewayNotFound = (...ids: string[]) =>
  idsNotFound('InvalidInternetGatewayID.NotFound', 'internetGateway', ids);
export const allocationNotFound = (...ids: string[]) =>
  idsNotFound('InvalidAllocationID.NotFound', 'allocation', ids);
export const routeTableNotFound = (...ids: string[]) =>
  idsNotFound('InvalidRouteTableID.NotFound', 'routeTable', ids);
export const associationNotFound = (...ids: string[]) =>
  idsNotFound('InvalidAssociationID.NotFound', 'association', ids);

export const natGatewayNotFound = (id: string) =>
  new AwsError('NatGatewayNotFound', `NAT gateway ${id} was not found`);

export const securityGroupNotFound = (id: string) =>
  new AwsError(
    'InvalidGroup.NotFound',
    `The security group '${id}' does not exist`,
  );

export const dependencyViolation = (noun: string, id: string) =>
  new AwsError(
    'DependencyViolation',
    `The ${noun} '${id}' has dependencies and cannot be deleted.`,
  );

export const invalidParameterValue = (message: string) =>
  new AwsError('InvalidParameterValue', message);

export const missingParameter = (name: string) =>
  new AwsError(
    'MissingParameter',
    `The request must contain the parameter ${name}`,
  );

/** Throws the not-found error for the ids of `wanted` missing from `existing`. */
export function requireAll(
  wanted: string[] | undefined,
  existing: { has(id: string): boolean },
  error: (...ids: string[]) => AwsError,
): void {
  const missing = (wanted ?? []).filter(id => !existing.has(id));
  if (missing.length) throw error(...missing);
}
