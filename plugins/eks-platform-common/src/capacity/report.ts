/**
 * Assembles a cluster's capacity report from what the backend could read.
 * Each source may be missing: the report then says why and shows the rest.
 */
import { InstanceTypeSpec } from '../aws/instanceTypes';
import { HOURS_PER_MONTH } from '../aws/prices';
import {
  AutoscalerInputs,
  autoscalerSummary,
  autoscalingByNodeGroup,
  PendingPod,
  pendingPodsNote,
} from './autoscaler';
import { firstLimitOf } from './firstLimit';
import { SubnetAddresses } from './ipCeiling';
import { NodeFigures } from './kubernetesNodes';
import {
  EksNodeGroup,
  nodeGroupCapacity,
  resourcesOf,
} from './nodeGroupCapacity';
import {
  CapacityReport,
  MetricsStatus,
  NodeGroupCapacity,
  PriceEstimate,
} from './types';

/** Name shown for nodes that carry no managed node group label. */
export const UNMANAGED_NODES_GROUP = '(not in a managed node group)';

export interface AwsCapacityData {
  nodeGroups: EksNodeGroup[];
  subnets: SubnetAddresses[];
  instanceTypes: InstanceTypeSpec[];
}

export type SourceResult<T> =
  | { ok: true; data: T }
  | { ok: false; reason: string };

export interface CapacityInputs {
  cluster: CapacityReport['cluster'];
  aws: SourceResult<AwsCapacityData>;
  kubernetes: SourceResult<NodeFigures[]>;
  metrics: MetricsStatus;
  /** What the autoscaler publishes; undefined when Kubernetes was unreachable. */
  autoscaler?: AutoscalerInputs;
  pendingPods?: PendingPod[];
  generatedAt: Date;
}

function totalPrice(groups: NodeGroupCapacity[]): PriceEstimate | undefined {
  const priced = groups.filter(group => group.price);
  if (priced.length === 0) return undefined;
  const hourly = priced.reduce((sum, g) => sum + (g.price?.hourly ?? 0), 0);
  return {
    hourly,
    monthly: hourly * HOURS_PER_MONTH,
    currency: 'USD',
    estimate: true,
    basis: `sum of ${priced.length} node group estimates`,
  };
}

function groupNames(
  aws: AwsCapacityData | undefined,
  nodes: NodeFigures[],
): string[] {
  const names = aws?.nodeGroups.map(group => group.name) ?? [];
  for (const node of nodes) {
    const name = node.nodeGroup ?? UNMANAGED_NODES_GROUP;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export function buildCapacityReport(inputs: CapacityInputs): CapacityReport {
  const aws = inputs.aws.ok ? inputs.aws.data : undefined;
  const nodes = inputs.kubernetes.ok ? inputs.kubernetes.data : [];
  const nodeGroups = groupNames(aws, nodes).map(name =>
    nodeGroupCapacity({
      name,
      eks: aws?.nodeGroups.find(group => group.name === name),
      nodes: nodes.filter(
        node => (node.nodeGroup ?? UNMANAGED_NODES_GROUP) === name,
      ),
      kubernetesKnown: inputs.kubernetes.ok,
      subnets: aws?.subnets ?? [],
      instanceTypes: aws?.instanceTypes ?? [],
    }),
  );
  const autoScalingGroups = new Map(
    (aws?.nodeGroups ?? []).flatMap(group =>
      (group.autoScalingGroups ?? []).map(asg => [asg, group.name] as const),
    ),
  );
  const autoscaling = inputs.autoscaler
    ? autoscalingByNodeGroup(inputs.autoscaler, asg =>
        autoScalingGroups.get(asg),
      )
    : new Map();
  for (const group of nodeGroups) {
    const status = autoscaling.get(group.name);
    if (status) group.autoscaling = status;
  }
  const autoscaler = inputs.autoscaler
    ? autoscalerSummary(inputs.autoscaler)
    : undefined;
  const price = totalPrice(nodeGroups);
  const firstLimit = firstLimitOf(nodeGroups, autoscaler?.status !== 'absent');
  const note = pendingPodsNote(
    inputs.pendingPods ?? [],
    nodeGroups,
    autoscaler,
  );
  if (firstLimit && note) firstLimit.explanation += ` ${note}`;
  return {
    cluster: inputs.cluster,
    nodeGroups,
    totals: {
      nodes: nodeGroups.reduce((sum, group) => sum + group.currentNodes, 0),
      ...resourcesOf(nodes),
      ...(price ? { price } : {}),
    },
    firstLimit,
    ...(autoscaler ? { autoscaler } : {}),
    ...(inputs.pendingPods ? { pendingPods: inputs.pendingPods } : {}),
    sources: {
      aws: inputs.aws.ok
        ? { status: 'ok' }
        : { status: 'error', reason: inputs.aws.reason },
      kubernetes: inputs.kubernetes.ok
        ? { status: 'ok' }
        : { status: 'error', reason: inputs.kubernetes.reason },
      metrics: inputs.metrics,
    },
    generatedAt: inputs.generatedAt.toISOString(),
  };
}
