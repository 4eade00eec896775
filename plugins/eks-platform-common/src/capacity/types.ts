/**
 * The capacity report of one cluster, as the backend serves it and the
 * frontend renders it. Units: CPU in millicores, memory in bytes, pods in pods.
 */

import type { CapacityType } from '../environment/types';
import type {
  AutoscalerSummary,
  NodeGroupAutoscaling,
  PendingPod,
} from './autoscaler';

/** One resource of a node group or cluster: what nodes offer vs what pods ask. */
export interface ResourceFigures {
  allocatable: number;
  requested: number;
  /** Measured by metrics-server; absent when the cluster serves no metrics. */
  usage?: number;
}

/** Free addresses of one private subnet against the addresses one node takes. */
export interface AzIpCeiling {
  subnetId: string;
  availabilityZone: string;
  cidrBlock: string;
  freeAddresses: number;
  addressesPerNode: number;
  /** Further nodes of the group the subnet can still address. */
  nodesThatFit: number;
}

export interface PriceEstimate {
  hourly: number;
  monthly: number;
  currency: 'USD';
  /** Always true: list prices, spot as a typical discount, no savings plans. */
  estimate: true;
  basis: string;
}

export type LimitResource = 'cpu' | 'memory' | 'pods' | 'ips' | 'max-size';

export interface NodeGroupCapacity {
  name: string;
  capacityType?: CapacityType;
  instanceTypes: string[];
  /** Scaling config from EKS; absent when the AWS side could not be read. */
  minSize?: number;
  desiredSize?: number;
  maxSize?: number;
  currentNodes: number;
  cpu: ResourceFigures;
  memory: ResourceFigures;
  pods: ResourceFigures;
  /** Nodes the group may still add before its max size. */
  headroomNodes?: number;
  /** The Cluster Autoscaler's status of the group, when it runs and reports it. */
  autoscaling?: NodeGroupAutoscaling;
  ipCeiling: AzIpCeiling[];
  /** Nodes the group can reach: min(max size, nodes its subnets can address). */
  nodeCeiling?: number;
  price?: PriceEstimate;
}

export interface FirstLimit {
  resource: LimitResource;
  nodeGroup: string;
  /** Multiple of today's requests at which the limit is hit (1.8 = +80%). */
  atScale?: number;
  /** Node count of the group when the limit is hit. */
  atNodes?: number;
  explanation: string;
}

export type SourceStatus =
  | { status: 'ok' }
  | { status: 'error'; reason: string };

export type MetricsStatus =
  | { status: 'ok' }
  | { status: 'unavailable'; reason: string };

export interface CapacityReport {
  cluster: {
    entityRef: string;
    clusterName: string;
    accountId?: string;
    region?: string;
  };
  nodeGroups: NodeGroupCapacity[];
  totals: {
    nodes: number;
    cpu: ResourceFigures;
    memory: ResourceFigures;
    pods: ResourceFigures;
    price?: PriceEstimate;
  };
  /** Undefined when neither scaling limits nor requests are known. */
  firstLimit?: FirstLimit;
  /** Whether a Cluster Autoscaler runs; undefined when Kubernetes was unreachable. */
  autoscaler?: AutoscalerSummary;
  /** Pods no node can take today; absent when Kubernetes was unreachable. */
  pendingPods?: PendingPod[];
  sources: {
    aws: SourceStatus;
    kubernetes: SourceStatus;
    metrics: MetricsStatus;
  };
  generatedAt: string;
}
