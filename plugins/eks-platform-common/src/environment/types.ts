/**
 * The environment model a scaffolder template fills in and every provisioning
 * step reads: one VPC over several availability zones, one EKS cluster, its
 * managed node groups and the GitOps repository ArgoCD syncs from.
 */

export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** 'single' saves money; 'one-per-az' keeps egress working when a zone fails. */
export const NAT_GATEWAY_MODES = ['single', 'one-per-az'] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

export const NODE_GROUP_ROLES = ['system', 'application'] as const;
export type NodeGroupRole = (typeof NODE_GROUP_ROLES)[number];

/** A managed node group is entirely on-demand or entirely Spot (EKS CapacityTypes). */
export const CAPACITY_TYPES = ['ON_DEMAND', 'SPOT'] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];

export const TAINT_EFFECTS = [
  'NO_SCHEDULE',
  'NO_EXECUTE',
  'PREFER_NO_SCHEDULE',
] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

export interface NodeTaint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

export interface NodeGroupSpec {
  name: string;
  role: NodeGroupRole;
  /** Interchangeable types sharing vCPU and memory, most preferred first. */
  instanceTypes: string[];
  capacityType: CapacityType;
  minSize: number;
  desiredSize: number;
  maxSize: number;
  diskSizeGiB: number;
  labels: Record<string, string>;
  taints: NodeTaint[];
}

export interface NetworkSpec {
  vpcCidr: string;
  /** Index i belongs to availabilityZones[i]. */
  publicSubnetCidrs: string[];
  /** Index i belongs to availabilityZones[i]; nodes and pods take their addresses here. */
  privateSubnetCidrs: string[];
  natGateways: NatGatewayMode;
}

export interface EndpointAccessSpec {
  private: boolean;
  public: boolean;
  /** EKS opens a public endpoint to 0.0.0.0/0 when this list is empty. */
  publicAccessCidrs: string[];
}

export interface GitOpsSpec {
  repoUrl: string;
  branch: string;
  /** Folder of the repository ArgoCD syncs for this environment. */
  path: string;
}

export interface EnvironmentSpec {
  /** Base name shared by the environment's resources, e.g. "dpj-prod". */
  name: string;
  environment: EnvironmentName;
  /** Backstage group entity reference, e.g. "group:default/platform-team". */
  owner: string;
  costCenter: string;
  /** 12-digit AWS account id. */
  account: string;
  region: string;
  availabilityZones: string[];
  /** "major.minor", e.g. "1.35". */
  kubernetesVersion: string;
  network: NetworkSpec;
  endpointAccess: EndpointAccessSpec;
  nodeGroups: NodeGroupSpec[];
  tags: Record<string, string>;
  gitops: GitOpsSpec;
  /** Delete what a failed provisioning run created instead of keeping it for a resumed retry. */
  rollbackOnFailure: boolean;
}

/** EKS cluster name derived from the environment name (dpj-prod gives dpj-prod-cluster, as in ADR-0007). */
export function clusterName(spec: Pick<EnvironmentSpec, 'name'>): string {
  return `${spec.name}-cluster`;
}
