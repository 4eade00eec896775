/**
 * The provisioning benchmark's dependency graph: what AWS makes each step of the production
 * preset wait for, in AWS seconds (the sandbox's AWS_DURATIONS), by action.
 */
import {
  ADDONS_AFTER_NODES,
  ADDONS_BEFORE_NODES,
  ENVIRONMENT_PRESETS,
} from '@internal/plugin-eks-platform-common';
import { AWS_DURATIONS } from '../../packages/aws-sandbox/src/core/clock';
import type { GraphNode } from './support';

const PRESET = ENVIRONMENT_PRESETS.production;

export type ActionName = 'network' | 'cluster' | 'nodegroup';
export const ACTIONS: ActionName[] = ['network', 'cluster', 'nodegroup'];
export const ACTION_IDS: Record<ActionName, string> = {
  network: 'network:create',
  cluster: 'cluster:create',
  nodegroup: 'nodegroup:create',
};

// ---------------------------------------------------------------------------------------
// The dependency graph: what AWS makes each step wait for, in AWS seconds. Steps of
// duration 0 are API calls that complete at once (on AWS as in the sandbox).
// ---------------------------------------------------------------------------------------

const NODE_GROUPS = PRESET.nodeGroups.map(g => `node group ${g.name}`);
const BEFORE_NODES = ADDONS_BEFORE_NODES.map(a => `add-on ${a}`);
const AFTER_NODES = ADDONS_AFTER_NODES.map(a => `add-on ${a}`);

export const GRAPH: GraphNode<ActionName>[] = [
  { id: 'VPC', action: 'network', awsSeconds: 0, after: [] },
  { id: 'subnets', action: 'network', awsSeconds: 0, after: ['VPC'] },
  { id: 'internet gateway', action: 'network', awsSeconds: 0, after: ['VPC'] },
  {
    id: 'NAT gateways created',
    action: 'network',
    awsSeconds: 0,
    after: ['subnets', 'internet gateway'],
  },
  {
    id: 'route tables',
    action: 'network',
    awsSeconds: 0,
    after: ['subnets', 'internet gateway', 'NAT gateways created'],
  },
  {
    id: 'NAT gateways available',
    action: 'network',
    awsSeconds: AWS_DURATIONS.natGatewayCreate,
    after: ['NAT gateways created'],
  },
  { id: 'IAM roles', action: 'cluster', awsSeconds: 0, after: [] },
  // EKS cannot assume a role until IAM has propagated it (and its policies).
  {
    id: 'IAM propagation',
    action: 'cluster',
    awsSeconds: AWS_DURATIONS.iamPropagation,
    after: ['IAM roles'],
  },
  { id: 'KMS key', action: 'cluster', awsSeconds: 0, after: [] },
  {
    id: 'cluster',
    action: 'cluster',
    awsSeconds: AWS_DURATIONS.clusterCreate,
    after: ['subnets', 'IAM propagation', 'KMS key'],
  },
  {
    id: 'admin access entry',
    action: 'cluster',
    awsSeconds: 0,
    after: ['cluster'],
  },
  ...BEFORE_NODES.map(id => ({
    id,
    action: 'cluster' as const,
    awsSeconds: AWS_DURATIONS.addonCreate,
    // vpc-cni's Pod Identity association needs the agent ACTIVE first.
    after: [
      'cluster',
      'IAM roles',
      ...(id === 'add-on vpc-cni' ? ['add-on eks-pod-identity-agent'] : []),
    ],
  })),
  {
    id: 'launch templates',
    action: 'nodegroup',
    awsSeconds: 0,
    after: [],
  },
  ...NODE_GROUPS.map(id => ({
    id,
    action: 'nodegroup' as const,
    awsSeconds: AWS_DURATIONS.nodegroupCreate,
    after: [
      ...BEFORE_NODES,
      'route tables',
      'NAT gateways available',
      'launch templates',
      'IAM roles',
    ],
  })),
  ...AFTER_NODES.map(id => ({
    id,
    action: 'nodegroup' as const,
    awsSeconds: AWS_DURATIONS.addonCreate,
    after: NODE_GROUPS,
  })),
];
