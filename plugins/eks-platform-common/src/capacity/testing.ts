/** Figures shared by the capacity tests: c5.xlarge-like nodes with round numbers. */
import { findInstanceType, InstanceTypeSpec } from '../aws/instanceTypes';
import { NodeFigures } from './kubernetesNodes';
import { AwsCapacityData } from './report';

const GiB = 2 ** 30;

export function testNode(
  name: string,
  nodeGroup: string | undefined,
  requested: { cpuMillis: number; memoryGiB: number; pods: number },
): NodeFigures {
  return {
    name,
    nodeGroup,
    instanceType: 'c5.xlarge',
    zone: 'eu-west-3a',
    allocatable: { cpuMillis: 4000, memoryBytes: 8 * GiB, pods: 58 },
    requested: {
      cpuMillis: requested.cpuMillis,
      memoryBytes: requested.memoryGiB * GiB,
      pods: requested.pods,
    },
  };
}

export function testAwsData(
  freeAddresses: { a: number; b: number },
  groups: Array<{
    name: string;
    capacityType: 'ON_DEMAND' | 'SPOT';
    desired: number;
    max: number;
  }>,
): AwsCapacityData {
  return {
    nodeGroups: groups.map(group => ({
      name: group.name,
      capacityType: group.capacityType,
      instanceTypes: ['c5.xlarge'],
      minSize: 0,
      desiredSize: group.desired,
      maxSize: group.max,
      subnetIds: ['subnet-a', 'subnet-b'],
    })),
    subnets: [
      {
        subnetId: 'subnet-a',
        availabilityZone: 'eu-west-3a',
        cidrBlock: '10.0.10.0/24',
        availableIpAddressCount: freeAddresses.a,
      },
      {
        subnetId: 'subnet-b',
        availabilityZone: 'eu-west-3b',
        cidrBlock: '10.0.11.0/24',
        availableIpAddressCount: freeAddresses.b,
      },
    ],
    instanceTypes: [findInstanceType('c5.xlarge') as InstanceTypeSpec],
  };
}

export { GiB };
