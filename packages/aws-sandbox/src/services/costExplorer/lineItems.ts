/**
 * The cost model: what each emulated resource costs on one UTC day.
 *
 * - Cost = hours alive that day (from createdAt/deletedAt, and never past "now") × the
 *   hourly price of prices.ts. Today is therefore partial and future days cost nothing.
 * - EKS control plane: standard or extended-support price, by the support phase of the
 *   cluster's current version on that day (version upgrades are not replayed).
 * - A node group costs `desiredSize` nodes of its first instance type for its whole life:
 *   scaling history, mixed types and the cluster autoscaler are not modelled. CREATE_FAILED
 *   groups cost nothing. Spot nodes cost the day's spot share of on-demand.
 * - Each node has a gp3 root volume of `diskSizeGiB`, prorated by the hours of its month.
 * - A NAT gateway costs its hours plus a stable 5–15 GB of processed data per full day.
 * - Tags: cluster tags on everything of the cluster; node costs also carry the node group
 *   tags and the `eks:cluster-name` / `eks:nodegroup-name` tags AWS adds to its instances.
 */
import { INSTANCE_TYPE_FACTS } from '@internal/aws-facts';
import { supportPhaseOf } from '../eks/versionCalendar';
import {
  ClusterInventory,
  NatGatewayInventory,
  NodegroupInventory,
} from '../../core/inventory';
import { DAY_MS, HOUR_MS, hoursInMonthOf, parseDay } from './dates';
import {
  EBS_GP3_PER_GB_MONTH,
  EKS_CLUSTER_HOURLY,
  NAT_GATEWAY_HOURLY,
  NAT_GATEWAY_PER_GB,
  natGigabytesPerDay,
  normalizationFactor,
  onDemandHourly,
  spotShare,
  usageType,
} from './prices';

/** The dimensions the sandbox computes; other Cost Explorer dimensions are not modelled. */
export const COST_DIMENSIONS = [
  'SERVICE',
  'USAGE_TYPE',
  'PURCHASE_TYPE',
  'REGION',
  'LINKED_ACCOUNT',
  'INSTANCE_TYPE',
  'RECORD_TYPE',
] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

export const SERVICES = {
  eks: 'Amazon Elastic Kubernetes Service',
  compute: 'Amazon Elastic Compute Cloud - Compute',
  ec2Other: 'EC2 - Other',
} as const;

export const PURCHASE_TYPES = {
  onDemand: 'On Demand Instances',
  spot: 'Spot Instances',
} as const;

export type UsageUnit = 'Hrs' | 'GB-Mo' | 'GB';

export interface LineItem {
  day: string;
  dimensions: Record<CostDimension, string>;
  tags: Record<string, string>;
  /** USD. */
  cost: number;
  usage: number;
  usageUnit: UsageUnit;
  normalizedUsage: number;
}

/** What the model reads: a snapshot of the inventory taken once per request. */
export interface CostedResources {
  clusters: ClusterInventory[];
  natGateways: NatGatewayInventory[];
}

interface Window {
  start: number;
  end: number;
}

function overlapHours(alive: Window, day: Window): number {
  const start = Math.max(alive.start, day.start);
  const end = Math.min(alive.end, day.end);
  return end > start ? (end - start) / HOUR_MS : 0;
}

function lifetime(resource: { createdAt: number; deletedAt?: number }): Window {
  return { start: resource.createdAt, end: resource.deletedAt ?? Infinity };
}

function clusterItems(
  cluster: ClusterInventory,
  day: string,
  dayWindow: Window,
): LineItem[] {
  const items: LineItem[] = [];
  const hours = overlapHours(lifetime(cluster), dayWindow);
  if (hours > 0) {
    const extended =
      (supportPhaseOf(cluster.version, new Date(dayWindow.start)) ??
        'standard') !== 'standard';
    items.push({
      day,
      dimensions: {
        SERVICE: SERVICES.eks,
        USAGE_TYPE: usageType(
          cluster.region,
          extended
            ? 'AmazonEKS-Hours:extendedSupport'
            : 'AmazonEKS-Hours:perCluster',
        ),
        PURCHASE_TYPE: PURCHASE_TYPES.onDemand,
        REGION: cluster.region,
        LINKED_ACCOUNT: cluster.accountId,
        INSTANCE_TYPE: 'NoInstanceType',
        RECORD_TYPE: 'Usage',
      },
      tags: { ...cluster.tags },
      cost: hours * EKS_CLUSTER_HOURLY[extended ? 'extended' : 'standard'],
      usage: hours,
      usageUnit: 'Hrs',
      normalizedUsage: 0,
    });
  }
  for (const nodegroup of cluster.nodegroups) {
    items.push(...nodegroupItems(cluster, nodegroup, day, dayWindow));
  }
  return items;
}

function nodegroupItems(
  cluster: ClusterInventory,
  nodegroup: NodegroupInventory,
  day: string,
  dayWindow: Window,
): LineItem[] {
  if (nodegroup.status === 'CREATE_FAILED' || nodegroup.desiredSize <= 0) {
    return [];
  }
  const clusterLife = lifetime(cluster);
  const groupLife = lifetime(nodegroup);
  // A node group cannot outlive its cluster, whatever the inventory says.
  const alive = {
    start: Math.max(clusterLife.start, groupLife.start),
    end: Math.min(clusterLife.end, groupLife.end),
  };
  const hours = overlapHours(alive, dayWindow);
  if (hours === 0) return [];
  const nodeHours = hours * nodegroup.desiredSize;
  const instanceType = nodegroup.instanceTypes[0] ?? 't3.medium';
  const vcpus =
    INSTANCE_TYPE_FACTS.find(t => t.name === instanceType)?.vcpus ?? 2;
  const spot = nodegroup.capacityType === 'SPOT';
  const hourly =
    onDemandHourly(instanceType, vcpus) *
    (spot ? spotShare(day, instanceType) : 1);
  const tags = {
    ...cluster.tags,
    ...nodegroup.tags,
    'eks:cluster-name': cluster.name,
    'eks:nodegroup-name': nodegroup.name,
  };
  const shared = {
    REGION: cluster.region,
    LINKED_ACCOUNT: cluster.accountId,
    RECORD_TYPE: 'Usage',
  };
  const gbMonths =
    (nodegroup.diskSizeGiB * nodeHours) / hoursInMonthOf(dayWindow.start);
  return [
    {
      day,
      dimensions: {
        ...shared,
        SERVICE: SERVICES.compute,
        USAGE_TYPE: usageType(
          cluster.region,
          `${spot ? 'SpotUsage' : 'BoxUsage'}:${instanceType}`,
        ),
        PURCHASE_TYPE: spot ? PURCHASE_TYPES.spot : PURCHASE_TYPES.onDemand,
        INSTANCE_TYPE: instanceType,
      },
      tags,
      cost: nodeHours * hourly,
      usage: nodeHours,
      usageUnit: 'Hrs',
      normalizedUsage: nodeHours * normalizationFactor(instanceType),
    },
    {
      day,
      dimensions: {
        ...shared,
        SERVICE: SERVICES.ec2Other,
        USAGE_TYPE: usageType(cluster.region, 'EBS:VolumeUsage.gp3'),
        PURCHASE_TYPE: PURCHASE_TYPES.onDemand,
        INSTANCE_TYPE: 'NoInstanceType',
      },
      tags,
      cost: gbMonths * EBS_GP3_PER_GB_MONTH,
      usage: gbMonths,
      usageUnit: 'GB-Mo',
      normalizedUsage: 0,
    },
  ];
}

function natGatewayItems(
  natGateway: NatGatewayInventory,
  day: string,
  dayWindow: Window,
): LineItem[] {
  const hours = overlapHours(lifetime(natGateway), dayWindow);
  if (hours === 0) return [];
  const gigabytes = (natGigabytesPerDay(natGateway.id, day) * hours) / 24;
  const dimensions = {
    SERVICE: SERVICES.ec2Other,
    PURCHASE_TYPE: PURCHASE_TYPES.onDemand,
    REGION: natGateway.region,
    LINKED_ACCOUNT: natGateway.accountId,
    INSTANCE_TYPE: 'NoInstanceType',
    RECORD_TYPE: 'Usage',
  };
  const tags = { ...natGateway.tags };
  return [
    {
      day,
      dimensions: {
        ...dimensions,
        USAGE_TYPE: usageType(natGateway.region, 'NatGateway-Hours'),
      },
      tags,
      cost: hours * NAT_GATEWAY_HOURLY,
      usage: hours,
      usageUnit: 'Hrs',
      normalizedUsage: 0,
    },
    {
      day,
      dimensions: {
        ...dimensions,
        USAGE_TYPE: usageType(natGateway.region, 'NatGateway-Bytes'),
      },
      tags,
      cost: gigabytes * NAT_GATEWAY_PER_GB,
      usage: gigabytes,
      usageUnit: 'GB',
      normalizedUsage: 0,
    },
  ];
}

/** Line items of one day; nothing accrues after `nowMs`. */
export function lineItemsOfDay(
  resources: CostedResources,
  day: string,
  nowMs: number,
): LineItem[] {
  const start = parseDay(day) as number;
  const dayWindow = { start, end: Math.min(start + DAY_MS, nowMs) };
  if (dayWindow.end <= dayWindow.start) return [];
  return [
    ...resources.clusters.flatMap(c => clusterItems(c, day, dayWindow)),
    ...resources.natGateways.flatMap(n => natGatewayItems(n, day, dayWindow)),
  ];
}

/**
 * The resources alive at `nowMs`, as if they had always existed and never end: what a
 * forecast assumes will keep running.
 */
export function projectCurrentResources(
  resources: CostedResources,
  nowMs: number,
): CostedResources {
  const aliveNow = (r: { createdAt: number; deletedAt?: number }) =>
    r.createdAt <= nowMs && (r.deletedAt === undefined || r.deletedAt > nowMs);
  const forever = { createdAt: -Infinity, deletedAt: undefined };
  return {
    clusters: resources.clusters.filter(aliveNow).map(cluster => ({
      ...cluster,
      ...forever,
      nodegroups: cluster.nodegroups
        .filter(aliveNow)
        .map(nodegroup => ({ ...nodegroup, ...forever })),
    })),
    natGateways: resources.natGateways
      .filter(aliveNow)
      .map(natGateway => ({ ...natGateway, ...forever })),
  };
}
