/**
 * The cluster step as graph nodes: the IAM roles (each with its trust policy and policies
 * as settings of its own) of the control plane, the nodes, the VPC CNI and the platform's
 * controllers, the secrets KMS key (with its alias and rotation), the EKS cluster, the
 * access entries of the platform team and of ArgoCD (with their access policies), the
 * add-ons that must run before nodes and the Pod Identity associations no add-on makes.
 */
import { clusterName, EnvironmentSpec } from '../types';
import {
  CLUSTER_ROLE_POLICIES,
  CLUSTER_ROLE_TRUST,
  EKS_CLUSTER_ADMIN_POLICY_ARN,
  NODE_ROLE_POLICIES,
  NODE_ROLE_TRUST,
  podIdentityTrustPolicy,
  VPC_CNI_CONFIGURATION,
  VPC_CNI_ROLE_POLICIES,
  VPC_CNI_SERVICE_ACCOUNT,
} from './clusterIam';
import { controllerNodes, logGroupNodes } from './controllerGraph';
import { roleNodes } from './iamNodes';
import { NETWORK_KEYS } from './networkGraph';
import { node, NodeProperty, ResourceNode } from './types';

/** EKS add-ons installed before node groups: networking must exist before pods schedule. */
export const ADDONS_BEFORE_NODES = [
  'vpc-cni',
  'kube-proxy',
  'eks-pod-identity-agent',
] as const;

/**
 * EKS add-ons that need running nodes to become ACTIVE; metrics-server feeds the
 * HorizontalPodAutoscalers and the capacity tab's usage.
 */
export const ADDONS_AFTER_NODES = [
  'coredns',
  'aws-ebs-csi-driver',
  'aws-efs-csi-driver',
  'metrics-server',
] as const;

/** Role tags (`eks-platform:component`) of the cluster step's resources: their node keys. */
export const CLUSTER_KEYS = {
  clusterRole: 'cluster-role',
  nodeRole: 'node-role',
  vpcCniRole: 'vpc-cni-role',
  secretsKey: 'secrets-key',
  cluster: 'cluster',
  adminAccess: 'admin-access',
  argocdAccess: 'argocd-access',
  controlPlaneLogs: 'control-plane-logs',
  addon: (name: string) => `addon-${name}`,
} as const;

/**
 * How long the control plane's logs (the API server's and the audit log among them) are
 * kept, by preset. EKS would create their group itself, keeping them forever; the graph
 * makes it first, with this retention, and destroy removes it with the cluster.
 */
export const CONTROL_PLANE_LOG_RETENTION_DAYS: Readonly<
  Record<EnvironmentSpec['environment'], number>
> = { dev: 30, staging: 90, production: 365 };

/** All five control-plane log types. */
export const CONTROL_PLANE_LOG_TYPES = [
  'api',
  'audit',
  'authenticator',
  'controllerManager',
  'scheduler',
] as const;

export interface ClusterGraphOptions {
  /** The platform team's IAM role, the cluster's only administrator. */
  adminPrincipalArn?: string;
  /** The IAM role ArgoCD assumes to deploy the environment's applications. */
  argocdRoleArn?: string;
  /** The network step's private subnets, which the cluster's ENIs go in. */
  privateSubnetIds?: string[];
  /** Add-on versions EKS reports for the Kubernetes version, by add-on name. */
  addonVersions?: Record<string, string>;
}

/** An access entry for a principal, with one cluster-scoped access policy as its setting. */
function accessNodes(
  key: string,
  principalArn: string | undefined,
  unknownPrincipal: string,
  description: string,
): ResourceNode[] {
  const principal: Record<string, NodeProperty> = principalArn
    ? { principalArn }
    : {};
  const name = principalArn ?? unknownPrincipal;
  return [
    node({
      key,
      kind: 'access-entry',
      step: 'cluster',
      type: 'AWS::EKS::AccessEntry',
      name,
      description,
      refs: { cluster: CLUSTER_KEYS.cluster },
      properties: principal,
    }),
    node({
      key: `${key}.policy`,
      kind: 'access-policy-association',
      step: 'cluster',
      name,
      description,
      refs: { cluster: CLUSTER_KEYS.cluster, accessEntry: key },
      partOf: key,
      properties: { policyArn: EKS_CLUSTER_ADMIN_POLICY_ARN, ...principal },
    }),
  ];
}

export function clusterGraph(
  spec: EnvironmentSpec,
  options: ClusterGraphOptions = {},
): ResourceNode[] {
  const cluster = clusterName(spec);
  const K = CLUSTER_KEYS;
  const scope = { account: spec.account, region: spec.region, cluster };
  const managedNames = (arns: string[]) =>
    arns.map(a => a.replace(/^.*:policy\//, '')).join(', ');
  const nodes: ResourceNode[] = [
    ...roleNodes(
      cluster,
      K.clusterRole,
      CLUSTER_ROLE_TRUST,
      CLUSTER_ROLE_POLICIES,
      `EKS control plane of ${cluster}: assumed by eks.amazonaws.com; ${managedNames(
        CLUSTER_ROLE_POLICIES,
      )}`,
    ),
    ...roleNodes(
      cluster,
      K.nodeRole,
      NODE_ROLE_TRUST,
      NODE_ROLE_POLICIES,
      `Managed node groups of ${cluster}: assumed by ec2.amazonaws.com; ${managedNames(
        NODE_ROLE_POLICIES,
      )}`,
    ),
    ...roleNodes(
      cluster,
      K.vpcCniRole,
      podIdentityTrustPolicy(scope),
      VPC_CNI_ROLE_POLICIES,
      `VPC CNI (${VPC_CNI_SERVICE_ACCOUNT}) of ${cluster}: assumed by pods.eks.amazonaws.com from this account and cluster only (EKS Pod Identity); ${managedNames(
        VPC_CNI_ROLE_POLICIES,
      )}`,
    ),
  ];
  const alias = `alias/${cluster}-secrets`;
  nodes.push(
    node({
      key: K.secretsKey,
      kind: 'kms-key',
      step: 'cluster',
      type: 'AWS::KMS::Key',
      name: alias,
      description: 'envelope encryption of Kubernetes secrets, yearly rotation',
      refs: {},
      properties: { alias },
    }),
    node({
      key: `${K.secretsKey}.alias`,
      kind: 'kms-alias',
      step: 'cluster',
      name: alias,
      description: 'names the key',
      refs: { key: K.secretsKey },
      partOf: K.secretsKey,
      properties: { alias },
    }),
    node({
      key: `${K.secretsKey}.rotation`,
      kind: 'kms-key-rotation',
      step: 'cluster',
      name: alias,
      description: 'yearly rotation on',
      refs: { key: K.secretsKey },
      partOf: K.secretsKey,
      properties: {},
    }),
  );
  const { endpointAccess } = spec;
  const endpoint = endpointAccess.public
    ? `public endpoint restricted to ${endpointAccess.publicAccessCidrs.join(
        ', ',
      )}`
    : 'no public endpoint (private endpoint only)';
  const controlPlaneRetention =
    CONTROL_PLANE_LOG_RETENTION_DAYS[spec.environment];
  nodes.push(
    ...logGroupNodes(
      K.controlPlaneLogs,
      `/aws/eks/${cluster}/cluster`,
      controlPlaneRetention,
      `control-plane and audit logs, kept ${controlPlaneRetention} days`,
    ),
    node({
      key: K.cluster,
      kind: 'eks-cluster',
      step: 'cluster',
      type: 'AWS::EKS::Cluster',
      name: cluster,
      description: `Kubernetes ${spec.kubernetesVersion}, private endpoint, ${endpoint}, all control-plane logs, secrets encrypted, API access entries only`,
      refs: { role: K.clusterRole, secretsKey: K.secretsKey },
      // The role must be trusted and allowed before EKS assumes it.
      after: [
        `${K.clusterRole}.policies`,
        `${K.secretsKey}.alias`,
        // Before EKS makes the group itself, without retention.
        `${K.controlPlaneLogs}.retention`,
        ...spec.availabilityZones.map(NETWORK_KEYS.privateSubnet),
      ],
      properties: {
        version: spec.kubernetesVersion,
        publicAccessCidrs: endpointAccess.public
          ? endpointAccess.publicAccessCidrs
          : [],
        logTypes: [...CONTROL_PLANE_LOG_TYPES],
        ...(options.privateSubnetIds
          ? { subnetIds: options.privateSubnetIds }
          : {}),
      },
    }),
  );
  nodes.push(
    ...accessNodes(
      K.adminAccess,
      options.adminPrincipalArn,
      "the platform team's role",
      'AmazonEKSClusterAdminPolicy, cluster scope: the only administrator',
    ),
    // ArgoCD installs CRDs, ClusterRoles and webhooks of the platform charts, which no
    // narrower EKS access policy allows; its AppProject limits what it may apply.
    ...accessNodes(
      K.argocdAccess,
      options.argocdRoleArn,
      "ArgoCD's role",
      'AmazonEKSClusterAdminPolicy, cluster scope: deploys what the AppProject allows',
    ),
  );
  // The agent first: vpc-cni's Pod Identity association needs it ACTIVE.
  const agent = K.addon('eks-pod-identity-agent');
  const agentFirst = [
    'eks-pod-identity-agent' as const,
    ...ADDONS_BEFORE_NODES.filter(a => a !== 'eks-pod-identity-agent'),
  ];
  for (const addon of agentFirst) {
    const vpcCni = addon === 'vpc-cni';
    nodes.push(
      node({
        key: K.addon(addon),
        kind: 'eks-addon',
        step: 'cluster',
        type: 'AWS::EKS::Addon',
        name: addon,
        description: vpcCni
          ? 'network policy enabled, Pod Identity role'
          : 'before node groups',
        refs: {
          cluster: K.cluster,
          ...(vpcCni ? { role: K.vpcCniRole } : {}),
        },
        after: vpcCni ? [`${K.vpcCniRole}.policies`, agent] : [],
        properties: {
          ...(options.addonVersions?.[addon]
            ? { version: options.addonVersions[addon] }
            : {}),
          ...(vpcCni
            ? {
                configuration: VPC_CNI_CONFIGURATION,
                serviceAccount: VPC_CNI_SERVICE_ACCOUNT,
              }
            : {}),
        },
      }),
    );
  }
  nodes.push(...controllerNodes(spec));
  return nodes;
}
