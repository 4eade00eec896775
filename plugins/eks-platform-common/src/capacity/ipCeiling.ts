/**
 * How many more nodes a node group's private subnets can address. With the VPC
 * CNI in secondary-IP mode a packed node holds every address of every ENI
 * (c5.xlarge: 4 ENIs × 15 = 60), so free addresses / addresses per node is the
 * number of nodes that still fit in a subnet.
 */
import { InstanceTypeSpec, ipAddressesPerNode } from '../aws/instanceTypes';
import { AzIpCeiling } from './types';

export interface SubnetAddresses {
  subnetId: string;
  availabilityZone: string;
  cidrBlock: string;
  /** EC2 DescribeSubnets' AvailableIpAddressCount. */
  availableIpAddressCount: number;
}

/** Addresses the largest-ENI type of a group takes, so any type the group launches fits. */
export function addressesPerNodeOf(instanceTypes: InstanceTypeSpec[]): number {
  return Math.max(0, ...instanceTypes.map(type => ipAddressesPerNode(type)));
}

export function nodesThatFit(
  freeAddresses: number,
  addressesPerNode: number,
): number {
  if (addressesPerNode <= 0) return 0;
  return Math.floor(Math.max(0, freeAddresses) / addressesPerNode);
}

/** One row per subnet of the group, in the order of its availability zones. */
export function ipCeilingOf(
  subnets: SubnetAddresses[],
  addressesPerNode: number,
): AzIpCeiling[] {
  return [...subnets]
    .sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone))
    .map(subnet => ({
      subnetId: subnet.subnetId,
      availabilityZone: subnet.availabilityZone,
      cidrBlock: subnet.cidrBlock,
      freeAddresses: subnet.availableIpAddressCount,
      addressesPerNode,
      nodesThatFit: nodesThatFit(
        subnet.availableIpAddressCount,
        addressesPerNode,
      ),
    }));
}

/** Nodes the group can have before its subnets run out: today's plus those that fit. */
export function ipNodeCeiling(
  currentNodes: number,
  ceiling: AzIpCeiling[],
): number {
  return ceiling.reduce((sum, az) => sum + az.nodesThatFit, currentNodes);
}
