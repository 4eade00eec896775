/**
 * What `eks-platform:cluster:create` creates for an environment, with the names and the
 * exact security settings: one list read by the dry run, the provisioning steps, the
 * rollback and the tests.
 */
import {
  ADDONS_BEFORE_NODES,
  clusterName,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';

export const CLUSTER_COMPONENTS = {
  clusterRole: 'cluster-role',
  nodeRole: 'node-role',
  vpcCniRole: 'vpc-cni-role',
  kmsKey: 'secrets-key',
  cluster: 'cluster',
  adminAccess: 'admin-access',
  addon: (name: string) => `addon-${name}`,
} as const;

/** All five control-plane log types. */
export const CONTROL_PLANE_LOG_TYPES = [
  'api',
  'audit',
  'authenticator',
  'controllerManager',
  'scheduler',
] as const;

export const EKS_CLUSTER_ADMIN_POLICY_ARN =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** Trust of the role EKS itself assumes to manage the cluster. */
export const CLUSTER_ROLE_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
  ],
};

/** Trust of the role the EC2 instances of the managed node groups take. */
export const NODE_ROLE_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
};

/** What a Pod Identity role is scoped to: the cluster (not yet created) it serves. */
export interface PodIdentityScope {
  account: string;
  region: string;
  cluster: string;
}

export const clusterArnOf = ({ account, region, cluster }: PodIdentityScope) =>
  `arn:aws:eks:${region}:${account}:cluster/${cluster}`;

/**
 * Trust of an EKS Pod Identity role (EKS assumes it for one service account): the
 * only builder of such trust policies. Without conditions any cluster of the account (any
 * association someone may create) could take the role; these keep it to this account's
 * EKS and this cluster:
 * - `aws:SourceAccount` with StringEquals, as AWS's confused-deputy guidance for EKS
 *   roles writes it (https://docs.aws.amazon.com/eks/latest/userguide/cross-service-confused-deputy-prevention.html);
 * - `aws:SourceArn` with ArnLike (as that page writes it): the source of a Pod Identity
 *   request is its association, `podidentityassociation/<cluster>/<id>`, not the cluster
 *   (an exact cluster ARN would never match), so only this cluster's associations do;
 * - `aws:RequestTag/eks-cluster-arn` with StringEquals: the session tag Pod Identity sets
 *   to the cluster's ARN (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html).
 */
export function podIdentityTrustPolicy(scope: PodIdentityScope) {
  const { account, region, cluster } = scope;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': account,
            'aws:RequestTag/eks-cluster-arn': clusterArnOf(scope),
          },
          ArnLike: {
            'aws:SourceArn': `arn:aws:eks:${region}:${account}:podidentityassociation/${cluster}/*`,
          },
        },
      },
    ],
  };
}

export const CLUSTER_ROLE_POLICIES = [managed('AmazonEKSClusterPolicy')];

/**
 * Least privilege for nodes: what the kubelet needs to join (`AmazonEKSWorkerNodePolicy`)
 * and to pull images (`AmazonEC2ContainerRegistryPullOnly`, narrower than ReadOnly).
 * `AmazonEKS_CNI_Policy` (assign/unassign ENIs and IPs) is deliberately NOT on the node
 * role: every pod of a node could otherwise use it through the instance profile. The VPC
 * CNI's `aws-node` service account gets it through its own role and EKS Pod Identity
 * (AWS's recommendation, "Configure Amazon VPC CNI plugin to use IRSA/Pod Identity").
 */
export const NODE_ROLE_POLICIES = [
  managed('AmazonEKSWorkerNodePolicy'),
  managed('AmazonEC2ContainerRegistryPullOnly'),
];

export const VPC_CNI_ROLE_POLICIES = [managed('AmazonEKS_CNI_Policy')];

/** The VPC CNI's service account, which its Pod Identity association names. */
export const VPC_CNI_SERVICE_ACCOUNT = 'aws-node';

/** vpc-cni configuration: Kubernetes NetworkPolicy enforcement by the network policy agent. */
export const VPC_CNI_CONFIGURATION = JSON.stringify({
  enableNetworkPolicy: 'true',
});

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

export interface PlannedClusterResource {
  type: string;
  name: string;
  component: string;
  detail: string;
}

/** Every resource of the action, in creation order. */
export function planCluster(
  spec: EnvironmentSpec,
  adminPrincipalArn: string,
): PlannedClusterResource[] {
  const names = clusterNames(spec);
  const C = CLUSTER_COMPONENTS;
  const { endpointAccess } = spec;
  return [
    {
      type: 'AWS::IAM::Role',
      name: names.clusterRole,
      component: C.clusterRole,
      detail: 'assumed by eks.amazonaws.com; AmazonEKSClusterPolicy',
    },
    {
      type: 'AWS::IAM::Role',
      name: names.nodeRole,
      component: C.nodeRole,
      detail:
        'assumed by ec2.amazonaws.com; AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly',
    },
    {
      type: 'AWS::IAM::Role',
      name: names.vpcCniRole,
      component: C.vpcCniRole,
      detail: `assumed by pods.eks.amazonaws.com for ${VPC_CNI_SERVICE_ACCOUNT}, from this account and cluster only; AmazonEKS_CNI_Policy`,
    },
    {
      type: 'AWS::KMS::Key',
      name: names.kmsAlias,
      component: C.kmsKey,
      detail: 'envelope encryption of Kubernetes secrets, yearly rotation',
    },
    {
      type: 'AWS::EKS::Cluster',
      name: names.cluster,
      component: C.cluster,
      detail: `Kubernetes ${spec.kubernetesVersion}, private endpoint, ${
        endpointAccess.public
          ? `public endpoint restricted to ${endpointAccess.publicAccessCidrs.join(
              ', ',
            )}`
          : 'no public endpoint'
      }, all control-plane logs, secrets encrypted, API access entries only`,
    },
    {
      type: 'AWS::EKS::AccessEntry',
      name: adminPrincipalArn,
      component: C.adminAccess,
      detail: 'AmazonEKSClusterAdminPolicy, cluster scope',
    },
    ...ADDONS_BEFORE_NODES.map(addon => ({
      type: 'AWS::EKS::Addon',
      name: addon,
      component: C.addon(addon),
      detail:
        addon === 'vpc-cni'
          ? 'network policy enabled, Pod Identity role'
          : 'before node groups',
    })),
  ];
}
