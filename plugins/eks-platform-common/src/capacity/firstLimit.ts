/**
 * Which limit a cluster hits first as its workload grows. Model: every pod's
 * requests grow by the same factor (the scale); the cluster autoscaler adds
 * nodes to each group up to its node ceiling, min(max size, nodes its subnets
 * can address). A group runs out when the resource it has least of relative
 * to its requests (CPU, memory or pods) is full at that ceiling. Where no
 * autoscaler runs, nothing adds nodes: the ceiling is today's node count.
 */
import { FirstLimit, NodeGroupCapacity } from './types';

type NodeResource = 'cpu' | 'memory' | 'pods';

const RESOURCE_WORDS: Record<NodeResource, string> = {
  cpu: 'CPU',
  memory: 'memory',
  pods: 'pod slots',
};

function roundScale(scale: number): number {
  return Math.floor(scale * 100) / 100;
}

/**
 * IPs when addresses end before max size; max-size when the group cannot add a
 * single node (the next deployment must fit on today's nodes); otherwise the
 * resource that fills the nodes.
 */
function limitResource(
  group: NodeGroupCapacity,
  ipsBindFirst: boolean,
  exhausted: NodeResource,
): FirstLimit['resource'] {
  if (ipsBindFirst) return 'ips';
  if (group.maxSize !== undefined && group.currentNodes >= group.maxSize) {
    return 'max-size';
  }
  return exhausted;
}

/** The scale at which this group is full, and which resource fills it. */
export function groupLimit(
  group: NodeGroupCapacity,
  autoscaled = true,
): FirstLimit | undefined {
  const { maxSize, currentNodes } = group;
  if (group.nodeCeiling === undefined || maxSize === undefined)
    return undefined;
  const nodeCeiling = autoscaled
    ? group.nodeCeiling
    : Math.min(group.nodeCeiling, currentNodes);
  const ipsBindFirst = autoscaled && nodeCeiling < maxSize;
  let ceilingText = ipsBindFirst
    ? `its subnets can address only ${nodeCeiling} nodes, fewer than its max size of ${maxSize}`
    : `it reaches its max size of ${maxSize} nodes`;
  if (!autoscaled) {
    ceilingText = `no Cluster Autoscaler runs, so it stays at ${currentNodes} nodes`;
  }
  const scales = (['cpu', 'memory', 'pods'] as const).flatMap(resource => {
    const figures = group[resource];
    if (currentNodes === 0 || figures.requested <= 0) return [];
    const perNode = figures.allocatable / currentNodes;
    return [{ resource, scale: (perNode * nodeCeiling) / figures.requested }];
  });
  if (scales.length === 0) {
    // Without requests only the node ceiling is known.
    return {
      resource: ipsBindFirst ? 'ips' : 'max-size',
      nodeGroup: group.name,
      atNodes: nodeCeiling,
      explanation: `${group.name} stops growing when ${ceilingText}; its requests are unknown.`,
    };
  }
  const binding = scales.reduce((low, next) =>
    next.scale < low.scale ? next : low,
  );
  const atScale = roundScale(binding.scale);
  return {
    resource: limitResource(group, ipsBindFirst, binding.resource),
    nodeGroup: group.name,
    atScale,
    atNodes: nodeCeiling,
    explanation: `${group.name} runs out of ${
      RESOURCE_WORDS[binding.resource]
    } at ${atScale}× today's requests, when ${ceilingText}.`,
  };
}

/** The group that runs out at the lowest scale; groups without requests come last. */
export function firstLimitOf(
  groups: NodeGroupCapacity[],
  autoscaled = true,
): FirstLimit | undefined {
  const limits = groups.flatMap(group => {
    const limit = groupLimit(group, autoscaled);
    return limit ? [limit] : [];
  });
  return limits.reduce<FirstLimit | undefined>((first, next) => {
    if (!first) return next;
    return (next.atScale ?? Infinity) < (first.atScale ?? Infinity)
      ? next
      : first;
  }, undefined);
}
