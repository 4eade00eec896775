/**
 * What other emulated services may do to EC2 state: EKS validates subnets, creates the
 * cluster security group and places network interfaces and nodes in subnets.
 */
import type { Subnet } from '@aws-sdk/client-ec2';
import { SandboxContext } from '../../core/types';
import { subnetNotFound } from './errors';
import { createSecurityGroup } from './securityGroups';
import { Ec2Call, ec2StoreOf, TagMap } from './store';

interface Scope {
  accountId: string;
  region: string;
}

/** An EC2 call made by another emulated service, which sees EC2's true state. */
export function internalEc2Call(
  context: SandboxContext,
  { accountId, region }: Scope,
): Ec2Call {
  return {
    store: ec2StoreOf(context, accountId, region),
    accountId,
    region,
    context,
    operation: 'Internal',
  };
}

/**
 * Subnets by id, as EC2 stores them (VpcId, AvailabilityZone, CidrBlock…). Throws
 * EC2's `InvalidSubnetID.NotFound` AwsError for unknown ids; EKS rewrites it into its own.
 */
export function subnetsOf(
  context: SandboxContext,
  scope: Scope,
  subnetIds: string[],
): Subnet[] {
  const { store } = internalEc2Call(context, scope);
  const missing = subnetIds.filter(id => !store.subnets.has(id));
  if (missing.length) throw subnetNotFound(...missing);
  return subnetIds.map(id => store.subnets.get(id)!);
}

/** Creates a security group (e.g. EKS's `eks-cluster-sg-<name>-…`) and returns its id. */
export function createSecurityGroupFor(
  context: SandboxContext,
  input: Scope & {
    vpcId: string;
    groupName: string;
    description: string;
    tags?: TagMap;
  },
): string {
  return createSecurityGroup(internalEc2Call(context, input), input).groupId;
}

/**
 * Takes `count` addresses of a subnet (negative gives them back), as network interfaces of
 * cluster endpoints, nodes and pods do; AvailableIpAddressCount drops accordingly.
 */
export function useSubnetAddresses(
  context: SandboxContext,
  input: Scope & { subnetId: string; count: number },
): void {
  const { store } = internalEc2Call(context, input);
  if (!store.subnets.has(input.subnetId)) throw subnetNotFound(input.subnetId);
  const inUse = (store.addressesInUse.get(input.subnetId) ?? 0) + input.count;
  store.addressesInUse.set(input.subnetId, Math.max(0, inUse));
}
