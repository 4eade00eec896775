/**
 * The IAM of the platform's controllers: which service account of the cluster gets which
 * role through EKS Pod Identity, and what each role may do. Pods cannot use the node's
 * role (the launch templates require IMDSv2 with a hop limit of 1), so without these the
 * storage drivers leave every claim Pending and the load balancer controller makes no ALB.
 */
import type { EnvironmentName } from '../types';
import { LOAD_BALANCER_CONTROLLER_PUBLISHED_POLICY } from './loadBalancerControllerPublishedPolicy';
import type { PodIdentityScope } from './clusterIam';

const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/** A controller's role: a graph key, the service account it serves, its permissions. */
export interface ControllerIdentity {
  /** Node key of the role (`<cluster>-<key>` is its IAM name). */
  roleKey: string;
  namespace: string;
  serviceAccount: string;
  /** The EKS add-on that creates the association (`podIdentityAssociations`), if any. */
  addon?: string;
  managedPolicies: string[];
  /** One inline policy, for permissions AWS publishes as a document, not a managed policy. */
  inlinePolicy?: (scope: PodIdentityScope) => object;
  description: string;
}

/** The tag the controller puts on everything it makes, with the cluster's name as value. */
const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

type Statement = {
  Effect: string;
  Action: string | readonly string[];
  Resource: string | readonly string[];
  Condition?: Record<string, Record<string, string | readonly string[]>>;
};

/**
 * AWS's published policy narrowed to one cluster: resource ARNs to the account and region,
 * and every "carries the controller's cluster tag" condition (`Null: false`) to "carries
 * this cluster's name" (`StringEquals`), so the controller of one cluster cannot change the
 * load balancers or security groups of another. `Null: true` ("the request adds no cluster
 * tag") stays as published.
 */
export function loadBalancerControllerPolicy(scope: PodIdentityScope) {
  const { account, region, cluster } = scope;
  const scopeArn = (arn: string) =>
    arn.replace(/^(arn:aws:[a-z0-9-]+):\*:\*:/, `$1:${region}:${account}:`);
  const statements = (
    LOAD_BALANCER_CONTROLLER_PUBLISHED_POLICY.Statement as readonly Statement[]
  ).map(statement => {
    const resource =
      typeof statement.Resource === 'string'
        ? scopeArn(statement.Resource)
        : statement.Resource.map(scopeArn);
    if (!statement.Condition?.Null) return { ...statement, Resource: resource };
    const { Null, StringEquals = {}, ...others } = statement.Condition;
    const stillNull: Record<string, string | readonly string[]> = {};
    const equals: Record<string, string | readonly string[]> = {
      ...StringEquals,
    };
    for (const [key, value] of Object.entries(Null)) {
      const tagged = key.endsWith(`Tag/${CLUSTER_TAG}`) && value === 'false';
      if (tagged) equals[key] = cluster;
      else stillNull[key] = value;
    }
    return {
      ...statement,
      Resource: resource,
      Condition: {
        ...others,
        StringEquals: equals,
        ...(Object.keys(stillNull).length ? { Null: stillNull } : {}),
      },
    };
  });
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Write actions the published policy allows on every resource without a condition, each
 * with why AWS cannot or does not scope it: the only wildcards the controllers' roles keep
 * (a test fails on any other). Read-only `Describe*`, `Get*` and `List*` calls are allowed
 * everywhere because EC2, ELB, ACM and IAM authorize them on no resource.
 */
export const JUSTIFIED_UNSCOPED_WRITES: Readonly<Record<string, string>> = {
  'ec2:AuthorizeSecurityGroupIngress':
    "adds the rule letting the load balancer reach the pods to the cluster's and nodes' security groups, which EKS made and the controller did not tag",
  'ec2:RevokeSecurityGroupIngress':
    'removes that rule again when the Ingress goes',
  'ec2:CreateSecurityGroup':
    'the new group can only be tagged with this cluster (the CreateTags statement), and its VPC is not known when the role is made',
  'elasticloadbalancing:CreateListener':
    'listeners and rules carry no cluster tag in v2.12; they live only on load balancers the tag conditions already limit',
  'elasticloadbalancing:DeleteListener': 'as CreateListener',
  'elasticloadbalancing:CreateRule': 'as CreateListener',
  'elasticloadbalancing:DeleteRule': 'as CreateListener',
  'elasticloadbalancing:ModifyListener': 'as CreateListener',
  'elasticloadbalancing:ModifyRule': 'as CreateListener',
  'elasticloadbalancing:SetRulePriorities': 'as CreateListener',
  'elasticloadbalancing:AddListenerCertificates':
    'the certificate an Ingress names (alb.ingress.kubernetes.io/certificate-arn)',
  'elasticloadbalancing:RemoveListenerCertificates':
    'as AddListenerCertificates',
  'elasticloadbalancing:SetWebAcl':
    'the WAF ACL an Ingress names (alb.ingress.kubernetes.io/waf-acl-id)',
  'waf-regional:AssociateWebACL': 'as SetWebAcl (WAF Classic)',
  'waf-regional:DisassociateWebACL': 'as SetWebAcl (WAF Classic)',
  'wafv2:AssociateWebACL':
    'the WAFv2 ACL an Ingress names (alb.ingress.kubernetes.io/wafv2-acl-arn)',
  'wafv2:DisassociateWebACL': 'as wafv2:AssociateWebACL',
  'shield:CreateProtection':
    'Shield Advanced protection an Ingress asks for (alb.ingress.kubernetes.io/shield-advanced-protection)',
  'shield:DeleteProtection': 'as shield:CreateProtection',
};

/**
 * The platform controllers' identities. The CSI drivers' policies are AWS's managed ones
 * (the add-ons' documented permissions, which AWS keeps current with the drivers); they
 * already limit writes to volumes and access points tagged for a CSI driver.
 */
export const CONTROLLER_IDENTITIES: readonly ControllerIdentity[] = [
  {
    roleKey: 'ebs-csi-role',
    namespace: 'kube-system',
    serviceAccount: 'ebs-csi-controller-sa',
    addon: 'aws-ebs-csi-driver',
    managedPolicies: [managed('service-role/AmazonEBSCSIDriverPolicy')],
    description: 'EBS CSI driver: creates, attaches and deletes the volumes',
  },
  {
    roleKey: 'efs-csi-role',
    namespace: 'kube-system',
    serviceAccount: 'efs-csi-controller-sa',
    addon: 'aws-efs-csi-driver',
    managedPolicies: [managed('service-role/AmazonEFSCSIDriverPolicy')],
    description: 'EFS CSI driver: creates and deletes access points',
  },
  {
    roleKey: 'load-balancer-controller-role',
    namespace: 'kube-system',
    // The chart's serviceAccount.name (platform components' values).
    serviceAccount: 'aws-load-balancer-controller',
    managedPolicies: [],
    inlinePolicy: loadBalancerControllerPolicy,
    description:
      "AWS Load Balancer Controller: ALBs, target groups and security groups tagged with this cluster (AWS's published policy v2.12.0, scoped to the cluster)",
  },
  {
    roleKey: 'fluent-bit-role',
    namespace: 'logging',
    // The chart's serviceAccount.name (platform components' values).
    serviceAccount: 'fluent-bit',
    managedPolicies: [],
    inlinePolicy: fluentBitPolicy,
    description:
      "Fluent Bit: writes container logs into the environment's log group only",
  },
  {
    roleKey: 'cluster-autoscaler-role',
    namespace: 'kube-system',
    // The chart's rbac.serviceAccount.name (platform components' values).
    serviceAccount: 'cluster-autoscaler',
    managedPolicies: [],
    inlinePolicy: clusterAutoscalerPolicy,
    description:
      "Cluster Autoscaler: resizes this cluster's node groups only (Auto Scaling groups tagged for it)",
  },
];

/** The log group Fluent Bit ships the cluster's container logs to. */
export const containerLogGroupName = (cluster: string) =>
  `/aws/eks/${cluster}/containers`;

/** How long container logs are kept, by preset (a CloudWatch Logs retention value). */
export const CONTAINER_LOG_RETENTION_DAYS: Readonly<
  Record<EnvironmentName, number>
> = { dev: 7, staging: 30, production: 90 };

/**
 * Fluent Bit writes log streams and events into the environment's log group only: it does
 * not create groups (`auto_create_group Off`) nor set their retention, the graph does.
 */
export function fluentBitPolicy(scope: PodIdentityScope) {
  const { account, region, cluster } = scope;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'logs:CreateLogStream',
          'logs:DescribeLogStreams',
          'logs:PutLogEvents',
        ],
        Resource: `arn:aws:logs:${region}:${account}:log-group:${containerLogGroupName(
          cluster,
        )}:*`,
      },
    ],
  };
}

/**
 * The Cluster Autoscaler's policy for auto-discovery (kubernetes/autoscaler,
 * cluster-autoscaler/cloudprovider/aws/README.md, "Full Cluster Autoscaler Features
 * Policy"), with its writes limited as that page recommends: to Auto Scaling groups tagged
 * `k8s.io/cluster-autoscaler/<cluster>: owned`, which EKS puts on this cluster's managed
 * node groups' groups. Its reads are allowed on every resource, as Auto Scaling, EC2 and EKS
 * authorize those calls on none.
 */
export function clusterAutoscalerPolicy(scope: PodIdentityScope) {
  const { account, region, cluster } = scope;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [
          'autoscaling:SetDesiredCapacity',
          'autoscaling:TerminateInstanceInAutoScalingGroup',
        ],
        Resource: `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:*:autoScalingGroupName/*`,
        Condition: {
          StringEquals: {
            [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: 'owned',
          },
        },
      },
    ],
  };
}

/** The identity an add-on's Pod Identity association gives a role to, if it has one. */
export const controllerIdentityOfAddon = (addon: string) =>
  CONTROLLER_IDENTITIES.find(identity => identity.addon === addon);
