/**
 * The IAM documents of the cluster step: who may assume each role and which AWS managed
 * policies it gets. Pure data: the graph carries them as its roles' desired properties.
 */

const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

export const EKS_CLUSTER_ADMIN_POLICY_ARN =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

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
