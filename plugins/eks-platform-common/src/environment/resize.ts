/**
 * Resizing the node groups of a running cluster, checked with the rules that created
 * them: min ≤ desired ≤ max, the "Nodes per managed node group" quota, and the private
 * subnets' IP ceiling over every node group of the cluster at its (new) maximum.
 */
import { computeSubnetIpCapacity, SubnetIpCapacity } from './ipCapacity';
import type { ValidationOptions } from './validation/options';
import {
  fieldPath,
  indexPath,
  problem,
  ValidationProblem,
} from './validation/problems';
import { checkIpCapacity } from './validation/rules/capacityRules';
import { checkNodeGroupScaling } from './validation/rules/nodeGroupRules';

export interface NodeGroupSizes {
  minSize: number;
  desiredSize: number;
  maxSize: number;
}

/** A node group as the cluster has it now. */
export interface RunningNodeGroup extends NodeGroupSizes {
  name: string;
  instanceTypes: string[];
  /** EKS's status: only ACTIVE groups may be changed. */
  status: string;
}

/** The cluster's private subnets, one per zone, as DescribeSubnets returns them. */
export interface RunningSubnet {
  availabilityZone: string;
  cidr: string;
}

export interface ResizeRequest extends NodeGroupSizes {
  name: string;
}

/** The node groups after the resize: the requested sizes over the running ones. */
export function resizedNodeGroups(
  running: RunningNodeGroup[],
  requested: ResizeRequest[],
): RunningNodeGroup[] {
  return running.map(group => {
    const change = requested.find(r => r.name === group.name);
    return change
      ? {
          ...group,
          minSize: change.minSize,
          desiredSize: change.desiredSize,
          maxSize: change.maxSize,
        }
      : group;
  });
}

/** Per zone: the IP ceiling of the cluster's node groups at their maximum. */
export function resizedIpCapacity(
  groups: RunningNodeGroup[],
  subnets: RunningSubnet[],
): SubnetIpCapacity[] {
  return computeSubnetIpCapacity({
    availabilityZones: subnets.map(s => s.availabilityZone),
    network: { privateSubnetCidrs: subnets.map(s => s.cidr) },
    nodeGroups: groups.map(g => ({
      name: g.name,
      maxSize: g.maxSize,
      instanceTypes: g.instanceTypes,
    })),
  }).availabilityZones;
}

/** What is wrong with the requested sizes alone: each group once, min ≤ desired ≤ max, the quota. */
export function resizeRequestProblems(
  requested: ResizeRequest[],
  options: ValidationOptions = {},
): ValidationProblem[] {
  const duplicates = requested.flatMap((request, index) =>
    requested.findIndex(r => r.name === request.name) === index
      ? []
      : [
          problem(
            fieldPath(indexPath('nodeGroups', index), 'name'),
            'node-group-name-unique',
            `node group ${request.name} is listed twice`,
          ),
        ],
  );
  return [
    ...duplicates,
    ...checkNodeGroupScaling({ nodeGroups: requested }, options),
  ];
}

/** Everything wrong with a resize request, addressed by its field (`nodeGroups[1].maxSize`). */
export function resizeProblems(
  running: RunningNodeGroup[],
  subnets: RunningSubnet[],
  requested: ResizeRequest[],
  options: ValidationOptions = {},
): ValidationProblem[] {
  const names = running.map(g => g.name);
  const problems = requested.flatMap((request, index) => {
    const path = fieldPath(indexPath('nodeGroups', index), 'name');
    const group = running.find(g => g.name === request.name);
    if (!group) {
      return [
        problem(
          path,
          'node-group-exists',
          `the cluster has no node group ${request.name} (it has ${
            names.join(', ') || 'none'
          })`,
        ),
      ];
    }
    return group.status === 'ACTIVE'
      ? []
      : [
          problem(
            path,
            'node-group-active',
            `node group ${request.name} is ${group.status}: EKS changes ACTIVE node groups only`,
          ),
        ];
  });
  problems.push(...resizeRequestProblems(requested, options));
  if (problems.length > 0) return problems;
  // The ceiling holds every node group, resized or not: they share the subnets.
  return checkIpCapacity(
    {
      availabilityZones: subnets.map(s => s.availabilityZone),
      network: { privateSubnetCidrs: subnets.map(s => s.cidr) },
      nodeGroups: resizedNodeGroups(running, requested),
    },
    options,
  );
}
