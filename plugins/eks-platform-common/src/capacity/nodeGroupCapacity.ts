/**
 * One node group's figures: scaling config from EKS, allocatable / requested /
 * usage summed over its nodes from Kubernetes, IP ceiling and price estimate.
 */
import { findInstanceType, InstanceTypeSpec } from '../aws/instanceTypes';
import {
  estimatedNodeHourlyPrice,
  HOURS_PER_MONTH,
  PRICE_REGION,
  SPOT_SHARE_OF_ON_DEMAND,
} from '../aws/prices';
import {
  addressesPerNodeOf,
  ipCeilingOf,
  ipNodeCeiling,
  SubnetAddresses,
} from './ipCeiling';
import { NodeFigures } from './kubernetesNodes';
import type { CapacityType } from '../environment/types';
import { NodeGroupCapacity, PriceEstimate, ResourceFigures } from './types';

/** A managed node group as EKS DescribeNodegroup reports it. */
export interface EksNodeGroup {
  name: string;
  capacityType: CapacityType;
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  subnetIds: string[];
  /** The Auto Scaling groups EKS runs the node group as (what the autoscaler names). */
  autoScalingGroups?: string[];
}

function sumFigures(
  nodes: NodeFigures[],
  allocatable: (node: NodeFigures) => number,
  requested: (node: NodeFigures) => number,
  usage: (node: NodeFigures) => number | undefined,
): ResourceFigures {
  const measured = nodes.map(usage);
  const allMeasured =
    nodes.length > 0 && measured.every(value => value !== undefined);
  return {
    allocatable: nodes.reduce((sum, node) => sum + allocatable(node), 0),
    requested: nodes.reduce((sum, node) => sum + requested(node), 0),
    ...(allMeasured
      ? { usage: measured.reduce((sum = 0, value = 0) => sum + value, 0) }
      : {}),
  };
}

/** CPU, memory and pods of a set of nodes; usage only when every node has metrics. */
export function resourcesOf(nodes: NodeFigures[]) {
  return {
    cpu: sumFigures(
      nodes,
      n => n.allocatable.cpuMillis,
      n => n.requested.cpuMillis,
      n => n.usage?.cpuMillis,
    ),
    memory: sumFigures(
      nodes,
      n => n.allocatable.memoryBytes,
      n => n.requested.memoryBytes,
      n => n.usage?.memoryBytes,
    ),
    pods: sumFigures(
      nodes,
      n => n.allocatable.pods,
      n => n.requested.pods,
      () => undefined,
    ),
  };
}

/**
 * Price of the group's nodes: the types Kubernetes reports when nodes are
 * known, else desired size × the group's first type.
 */
export function priceOf(
  capacityType: CapacityType,
  nodeTypes: string[],
): PriceEstimate | undefined {
  const prices = nodeTypes.map(type =>
    estimatedNodeHourlyPrice(type, capacityType),
  );
  if (prices.some(price => price === undefined)) return undefined;
  const hourly = prices.reduce<number>((sum, price = 0) => sum + price, 0);
  const counts = new Map<string, number>();
  for (const type of nodeTypes) counts.set(type, (counts.get(type) ?? 0) + 1);
  const nodesText = [...counts]
    .map(([type, count]) => `${count} × ${type}`)
    .join(', ');
  const rate =
    capacityType === 'SPOT'
      ? `spot estimated at ${Math.round(
          SPOT_SHARE_OF_ON_DEMAND * 100,
        )}% of on-demand`
      : 'on-demand list price';
  return {
    hourly,
    monthly: hourly * HOURS_PER_MONTH,
    currency: 'USD',
    estimate: true,
    basis: `${nodesText || 'no nodes'}, ${PRICE_REGION} ${rate}`,
  };
}

export interface NodeGroupInputs {
  /** From EKS; undefined when the AWS side could not be read. */
  eks?: EksNodeGroup;
  name: string;
  /** The group's nodes as Kubernetes reports them (empty when unreachable). */
  nodes: NodeFigures[];
  kubernetesKnown: boolean;
  subnets: SubnetAddresses[];
  instanceTypes: InstanceTypeSpec[];
}

export function nodeGroupCapacity(input: NodeGroupInputs): NodeGroupCapacity {
  const { eks, nodes, kubernetesKnown } = input;
  const currentNodes = kubernetesKnown ? nodes.length : eks?.desiredSize ?? 0;
  const specs = (eks?.instanceTypes ?? [])
    .map(
      name =>
        input.instanceTypes.find(type => type.name === name) ??
        findInstanceType(name),
    )
    .filter((spec): spec is InstanceTypeSpec => spec !== undefined);
  const ipCeiling = eks
    ? ipCeilingOf(
        input.subnets.filter(s => eks.subnetIds.includes(s.subnetId)),
        addressesPerNodeOf(specs),
      )
    : [];
  const nodeTypes = kubernetesKnown
    ? nodes.map(node => node.instanceType ?? eks?.instanceTypes[0] ?? '')
    : Array.from<string>({ length: currentNodes }).fill(
        eks?.instanceTypes[0] ?? '',
      );
  const capacityType = eks?.capacityType;
  return {
    name: input.name,
    ...(capacityType ? { capacityType } : {}),
    instanceTypes:
      eks?.instanceTypes ??
      [...new Set(nodes.flatMap(node => node.instanceType ?? []))].sort(),
    ...(eks
      ? {
          minSize: eks.minSize,
          desiredSize: eks.desiredSize,
          maxSize: eks.maxSize,
          headroomNodes: Math.max(0, eks.maxSize - currentNodes),
          // Subnets unknown: no IP ceiling to apply.
          nodeCeiling:
            ipCeiling.length > 0
              ? Math.min(eks.maxSize, ipNodeCeiling(currentNodes, ipCeiling))
              : eks.maxSize,
        }
      : {}),
    currentNodes,
    ...resourcesOf(nodes),
    ipCeiling,
    ...(capacityType && specs.length > 0
      ? { price: priceOf(capacityType, nodeTypes) }
      : {}),
  };
}
