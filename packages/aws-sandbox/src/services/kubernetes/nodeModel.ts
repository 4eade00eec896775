/**
 * The nodes of a cluster, derived from its node groups: `desiredSize` nodes per ACTIVE
 * (or UPDATING) group, spread round-robin over the region's availability zones, each with
 * the labels, taints and resources EKS gives a managed node.
 */
import type { InstanceTypeFacts } from '@internal/aws-facts';
import { availabilityZonesOf } from '../ec2/zones';
import type {
  ClusterInventory,
  InventoryReader,
  NodegroupInventory,
} from '../../core/inventory';
import { fractionFromHash, hashString } from '../prometheus/deterministicHash';
import {
  allocatableOf,
  capacityOf,
  instanceTypeOrDefault,
  NodeResources,
} from './allocatable';

export interface KubernetesTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface SandboxNode {
  name: string;
  nodegroup: NodegroupInventory;
  zone: string;
  instanceType: InstanceTypeFacts;
  instanceId: string;
  internalIp: string;
  labels: Record<string, string>;
  taints: KubernetesTaint[];
  capacity: NodeResources;
  allocatable: NodeResources;
  createdAt: number;
  /** True for the CriticalAddonsOnly-tainted system group. */
  system: boolean;
}

/** Node groups whose instances exist: EKS keeps nodes running while a group updates. */
const RUNNING_NODEGROUP_STATES = new Set(['ACTIVE', 'UPDATING']);

const EKS_TAINT_EFFECTS: Record<string, KubernetesTaint['effect']> = {
  NO_SCHEDULE: 'NoSchedule',
  PREFER_NO_SCHEDULE: 'PreferNoSchedule',
  NO_EXECUTE: 'NoExecute',
};

/** Second octet of the DPJ address plans (presets.ts); other clusters get a hashed one. */
function secondOctet(cluster: ClusterInventory, inventory: InventoryReader) {
  const subnet = inventory
    .subnets()
    .find(
      candidate =>
        candidate.accountId === cluster.accountId &&
        candidate.region === cluster.region &&
        candidate.cidrBlock.startsWith('10.'),
    );
  if (subnet) return Number(subnet.cidrBlock.split('.')[1]);
  const hint = `${cluster.tags.environment ?? ''} ${cluster.name}`;
  if (/prod/.test(hint)) return 30;
  if (/staging/.test(hint)) return 20;
  if (/dev/.test(hint)) return 10;
  return 100 + (hashString(cluster.name) % 100);
}

export function nodesOf(
  cluster: ClusterInventory,
  inventory: InventoryReader,
): SandboxNode[] {
  const zones = availabilityZonesOf(cluster.region);
  const zoneList = zones.length > 0 ? zones : [`${cluster.region}a`];
  const octet = secondOctet(cluster, inventory);
  const usedIps = new Set<string>();
  const nodes: SandboxNode[] = [];
  for (const group of cluster.nodegroups) {
    if (!RUNNING_NODEGROUP_STATES.has(group.status) || group.deletedAt) {
      continue;
    }
    const seed = hashString(
      `${cluster.accountId}/${cluster.name}/${group.name}`,
    );
    for (let index = 0; index < group.desiredSize; index += 1) {
      const zoneIndex = index % zoneList.length;
      // Spot groups draw from all their types; on-demand ones use the first.
      const typeName =
        group.capacityType === 'SPOT'
          ? group.instanceTypes[index % group.instanceTypes.length]
          : group.instanceTypes[0];
      const instanceType = instanceTypeOrDefault(typeName ?? 't3.large');
      let ip: string;
      let attempt = 0;
      do {
        // Private subnets of the plan: 10.X.32.0/19, 10.X.64.0/19, 10.X.96.0/19.
        const third =
          32 * (zoneIndex + 1) +
          Math.floor(fractionFromHash(seed, index, attempt * 2) * 32);
        const fourth =
          1 + Math.floor(fractionFromHash(seed, index, attempt * 2 + 1) * 254);
        ip = `10.${octet}.${third}.${fourth}`;
        attempt += 1;
      } while (usedIps.has(ip));
      usedIps.add(ip);
      const zone = zoneList[zoneIndex];
      const taints = group.taints.map(taint => ({
        key: taint.key,
        ...(taint.value !== undefined ? { value: taint.value } : {}),
        effect: EKS_TAINT_EFFECTS[taint.effect] ?? 'NoSchedule',
      }));
      const instanceId = `i-0${Math.floor(
        fractionFromHash(seed, index, 99) * 2 ** 32,
      )
        .toString(16)
        .padStart(8, '0')}${(seed ^ index).toString(16).padStart(8, '0')}`;
      nodes.push({
        name: `ip-${ip.replace(/\./g, '-')}.${cluster.region}.compute.internal`,
        nodegroup: group,
        zone,
        instanceType,
        instanceId,
        internalIp: ip,
        labels: {
          ...group.labels,
          'eks.amazonaws.com/nodegroup': group.name,
          'eks.amazonaws.com/capacityType': group.capacityType,
          'eks.amazonaws.com/nodegroup-image': 'ami-0c2e8f7a5d3b19e64',
          'node.kubernetes.io/instance-type': instanceType.name,
          'beta.kubernetes.io/instance-type': instanceType.name,
          'topology.kubernetes.io/region': cluster.region,
          'topology.kubernetes.io/zone': zone,
          'failure-domain.beta.kubernetes.io/region': cluster.region,
          'failure-domain.beta.kubernetes.io/zone': zone,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'beta.kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': `ip-${ip.replace(/\./g, '-')}.${
            cluster.region
          }.compute.internal`,
        },
        taints,
        capacity: capacityOf(instanceType),
        allocatable: allocatableOf(instanceType),
        createdAt: group.createdAt,
        system: taints.some(taint => taint.key === 'CriticalAddonsOnly'),
      });
    }
  }
  return nodes;
}
