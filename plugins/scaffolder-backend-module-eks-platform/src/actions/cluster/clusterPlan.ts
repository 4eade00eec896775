/**
 * The names of what `eks-platform:cluster:create` manages. What it creates, with the exact
 * security settings, is the environment graph's cluster step (`clusterGraph`).
 */
import {
  clusterName,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';

export {
  CLUSTER_KEYS,
  CLUSTER_ROLE_POLICIES,
  CLUSTER_ROLE_TRUST,
  clusterArnOf,
  CONTROL_PLANE_LOG_TYPES,
  EKS_CLUSTER_ADMIN_POLICY_ARN,
  NODE_ROLE_POLICIES,
  NODE_ROLE_TRUST,
  podIdentityTrustPolicy,
  VPC_CNI_CONFIGURATION,
  VPC_CNI_ROLE_POLICIES,
  VPC_CNI_SERVICE_ACCOUNT,
} from '@internal/plugin-eks-platform-common';
export type { PodIdentityScope } from '@internal/plugin-eks-platform-common';

export interface ClusterNames {
  /** The environment's name, as its `eks-platform:environment-name` tag carries it. */
  environment: string;
  cluster: string;
  clusterRole: string;
  nodeRole: string;
  vpcCniRole: string;
  kmsAlias: string;
}

export function clusterNames(
  spec: Pick<EnvironmentSpec, 'name'>,
): ClusterNames {
  const cluster = clusterName(spec);
  return {
    environment: spec.name,
    cluster,
    clusterRole: `${cluster}-cluster-role`,
    nodeRole: `${cluster}-node-role`,
    vpcCniRole: `${cluster}-vpc-cni-role`,
    kmsAlias: `alias/${cluster}-secrets`,
  };
}
