/**
 * Does each private subnet have enough addresses for the nodes that may land
 * in its availability zone?
 *
 * With the VPC CNI's default secondary-IP mode every pod takes a subnet
 * address, and a node holds addresses for all the pods it could run.
 * Validation, the scaffolder form and the capacity card share this figure.
 */
import { findInstanceType, ipAddressesPerNode } from '../aws/instanceTypes';
import {
  longestPrefixHolding,
  parseCidr,
  SUBNET_PREFIX_RANGE,
  usableSubnetAddresses,
} from '../network/cidr';
import type { NodeGroupSpec } from './types';

/** The parts of an EnvironmentSpec the computation reads. */
export interface IpCapacityInput {
  availabilityZones: readonly string[];
  network: { privateSubnetCidrs: readonly string[] };
  nodeGroups: ReadonlyArray<
    Pick<NodeGroupSpec, 'name' | 'instanceTypes' | 'maxSize'>
  >;
}

export interface NodeGroupIpDemand {
  nodeGroup: string;
  /** Most nodes of this group one zone holds once it reaches maxSize. */
  nodesPerAvailabilityZone: number;
  /** The group's instance type that takes the most addresses. */
  instanceType: string;
  addressesPerNode: number;
  addressesPerAvailabilityZone: number;
}

export interface SubnetIpCapacity {
  /** Position in availabilityZones and network.privateSubnetCidrs. */
  index: number;
  availabilityZone: string;
  subnetCidr: string;
  usableAddresses: number;
  requiredAddresses: number;
  /** Most nodes all groups together may place in this zone. */
  nodesPerAvailabilityZone: number;
  /** The most address-hungry node of any group, the unit of `nodesThatFit`. */
  largestNode?: { instanceType: string; addressesPerNode: number };
  /** Nodes of the largest kind the subnet holds before it runs out (absent without node groups). */
  nodesThatFit?: number;
  fits: boolean;
  /** Smallest subnet (longest prefix) that would hold `requiredAddresses`. */
  suggestedPrefix?: number;
}

export interface IpCapacityReport {
  nodeGroups: NodeGroupIpDemand[];
  availabilityZones: SubnetIpCapacity[];
  fits: boolean;
}

/**
 * Auto Scaling spreads a group evenly over its zones, so one zone holds at
 * most ceil(maxSize / zones) of its nodes. Groups without a known instance
 * type are skipped: validation reports those separately.
 */
export function nodeGroupIpDemands(
  input: IpCapacityInput,
): NodeGroupIpDemand[] {
  const zoneCount = Math.max(1, input.availabilityZones.length);
  const demands: NodeGroupIpDemand[] = [];
  for (const group of input.nodeGroups) {
    const knownTypes = group.instanceTypes.flatMap(name => {
      const spec = findInstanceType(name);
      return spec ? [spec] : [];
    });
    const hungriest = maxBy(knownTypes, ipAddressesPerNode);
    if (!hungriest) continue;
    const nodesPerAvailabilityZone = Math.ceil(
      Math.max(0, group.maxSize) / zoneCount,
    );
    const addressesPerNode = ipAddressesPerNode(hungriest);
    demands.push({
      nodeGroup: group.name,
      nodesPerAvailabilityZone,
      instanceType: hungriest.name,
      addressesPerNode,
      addressesPerAvailabilityZone: nodesPerAvailabilityZone * addressesPerNode,
    });
  }
  return demands;
}

/**
 * Per-zone comparison of usable and required addresses. Zones without a
 * parseable private subnet are left out (validation reports them).
 */
export function computeSubnetIpCapacity(
  input: IpCapacityInput,
): IpCapacityReport {
  const demands = nodeGroupIpDemands(input);
  const requiredAddresses = sum(
    demands.map(d => d.addressesPerAvailabilityZone),
  );
  const nodesPerAvailabilityZone = sum(
    demands.map(d => d.nodesPerAvailabilityZone),
  );
  const largest = maxBy(demands, demand => demand.addressesPerNode);

  const zones: SubnetIpCapacity[] = [];
  input.availabilityZones.forEach((availabilityZone, index) => {
    const subnetCidr = input.network.privateSubnetCidrs[index];
    const subnet = subnetCidr === undefined ? undefined : parseCidr(subnetCidr);
    if (subnetCidr === undefined || !subnet) return;
    const usableAddresses = usableSubnetAddresses(subnet.prefix);
    const fits = usableAddresses >= requiredAddresses;
    zones.push({
      index,
      availabilityZone,
      subnetCidr,
      usableAddresses,
      requiredAddresses,
      nodesPerAvailabilityZone,
      largestNode: largest && {
        instanceType: largest.instanceType,
        addressesPerNode: largest.addressesPerNode,
      },
      nodesThatFit:
        largest && Math.floor(usableAddresses / largest.addressesPerNode),
      fits,
      suggestedPrefix: fits
        ? undefined
        : longestPrefixHolding(requiredAddresses),
    });
  });
  return {
    nodeGroups: demands,
    availabilityZones: zones,
    fits: zones.every(zone => zone.fits),
  };
}

/**
 * One sentence saying where a subnet runs out, for forms and error messages:
 * "private subnet 10.0.10.0/24 in eu-west-3a has 251 usable addresses; at 60
 * addresses per c5.xlarge node it runs out at 4 nodes per AZ, but node groups
 * may place up to 9 (492 addresses) — use a /23 or larger".
 */
export function explainSubnetShortfall(zone: SubnetIpCapacity): string {
  const head = `private subnet ${zone.subnetCidr} in ${zone.availabilityZone} has ${zone.usableAddresses} usable addresses`;
  const perNode = zone.largestNode
    ? `; at ${zone.largestNode.addressesPerNode} addresses per ${zone.largestNode.instanceType} node it runs out at ${zone.nodesThatFit} nodes per AZ`
    : '';
  const demand = `, but node groups may place up to ${zone.nodesPerAvailabilityZone} (${zone.requiredAddresses} addresses)`;
  const remedy =
    zone.suggestedPrefix !== undefined &&
    zone.suggestedPrefix >= SUBNET_PREFIX_RANGE.min
      ? `use a /${zone.suggestedPrefix} or larger`
      : `even a /${SUBNET_PREFIX_RANGE.min} is too small, lower the node groups' maxSize`;
  return `${head}${perNode}${demand} — ${remedy}`;
}

/** The item with the highest score; the first one wins ties. */
function maxBy<T>(
  items: readonly T[],
  score: (item: T) => number,
): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (best === undefined || score(item) > score(best)) best = item;
  }
  return best;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
