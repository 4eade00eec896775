/**
 * What the AWS Load Balancer Controller does in AWS for an Ingress of class `alb`, as its
 * documentation describes it: an Application Load Balancer in the subnets it discovers by
 * tag (`kubernetes.io/role/elb` for internet-facing, `kubernetes.io/role/internal-elb` for
 * internal, one per zone, at least two zones), a target group per backend service, a
 * frontend security group per load balancer and one shared backend security group per
 * cluster (`k8s-traffic-<cluster>-<hash>`), each tagged `elbv2.k8s.aws/cluster`, and an
 * ingress rule from the backend group on the cluster security group
 * (kubernetes-sigs.github.io/aws-load-balancer-controller: "Security groups",
 * "Subnet auto-discovery", "Ingress annotations").
 */
import { SandboxContext } from '../core/types';
import { createSecurityGroup } from '../services/ec2/securityGroups';
import { internalEc2Call } from '../services/ec2/otherServices';
import { Ec2Call, TagMap } from '../services/ec2/store';
import { interfacesHolding } from '../services/ec2/networkInterfaces';
import {
  createApplicationLoadBalancer,
  createTargetGroupWithListener,
  elbv2StoreOf,
} from '../services/elbv2';
import {
  deleteLoadBalancer,
  deleteTargetGroup,
} from '../services/elbv2/loadBalancers';
import { shortHash } from '../core/shortHash';
import { controllerName } from './names';

export interface IngressSpec {
  namespace: string;
  name: string;
  scheme: 'internet-facing' | 'internal';
  /** The backend service and its port. */
  serviceName: string;
  servicePort: number;
}

export interface ClusterPlacement {
  accountId: string;
  region: string;
  clusterName: string;
  vpcId: string;
}

/** One subnet per zone among those tagged for the scheme, as the controller picks them. */
function discoverSubnets(
  call: Ec2Call,
  vpcId: string,
  scheme: IngressSpec['scheme'],
): string[] {
  const roleTag =
    scheme === 'internal'
      ? 'kubernetes.io/role/internal-elb'
      : 'kubernetes.io/role/elb';
  const byZone = new Map<string, string>();
  const subnets = [...call.store.subnets.values()]
    .filter(s => s.VpcId === vpcId)
    .filter(s =>
      ['1', ''].includes(call.store.tagsOf(s.SubnetId!)[roleTag] ?? 'absent'),
    )
    .sort((a, b) => a.SubnetId!.localeCompare(b.SubnetId!));
  for (const subnet of subnets) {
    if (!byZone.has(subnet.AvailabilityZone!))
      byZone.set(subnet.AvailabilityZone!, subnet.SubnetId!);
  }
  return [...byZone.values()];
}

/** The cluster's shared backend group, created on first use. */
function backendSecurityGroup(call: Ec2Call, at: ClusterPlacement): string {
  const name = `k8s-traffic-${at.clusterName.slice(0, 15)}-${shortHash(
    10,
    at.clusterName,
  )}`;
  const existing = [...call.store.securityGroups.values()].find(
    g => g.vpcId === at.vpcId && g.groupName === name,
  );
  if (existing) return existing.groupId;
  const group = createSecurityGroup(call, {
    vpcId: at.vpcId,
    groupName: name,
    description: '[k8s] Shared Backend SecurityGroup for LoadBalancer',
    tags: {
      'elbv2.k8s.aws/cluster': at.clusterName,
      'elbv2.k8s.aws/resource': 'backend-sg',
    },
  });
  // The controller opens the cluster (node) security group to the backend group.
  const clusterGroup = [...call.store.securityGroups.values()].find(
    g =>
      g.vpcId === at.vpcId &&
      g.groupName.startsWith(`eks-cluster-sg-${at.clusterName}-`),
  );
  clusterGroup?.rules.push({
    id: call.context.state.nextId('sgr'),
    isEgress: false,
    ipProtocol: 'tcp',
    fromPort: 0,
    toPort: 65535,
    referencedGroupId: group.groupId,
    description: 'elbv2.k8s.aws/targetGroupBinding=shared',
  });
  return group.groupId;
}

export type IngressOutcome =
  | {
      loadBalancerArn: string;
      targetGroupArn: string;
      /** The load balancer's own (frontend) security group. */
      securityGroupId: string;
    }
  | { problem: string };

/** Creates what the controller creates for `ingress`, or says why it could not. */
export function reconcileIngress(
  context: SandboxContext,
  at: ClusterPlacement,
  ingress: IngressSpec,
  createdAt: number,
): IngressOutcome {
  const call = internalEc2Call(context, at);
  const subnetIds = discoverSubnets(call, at.vpcId, ingress.scheme);
  if (subnetIds.length < 2) {
    // The controller's event on the Ingress when discovery finds too few subnets.
    return {
      problem: `couldn't auto-discover subnets: unable to resolve at least 2 subnets (${subnetIds.length} match VPC and tags)`,
    };
  }
  const stack = `${ingress.namespace}/${ingress.name}`;
  const clusterTag: TagMap = { 'elbv2.k8s.aws/cluster': at.clusterName };
  const name = controllerName(ingress.namespace, ingress.name, at.clusterName);
  const frontend = createSecurityGroup(call, {
    vpcId: at.vpcId,
    groupName: name,
    description: '[k8s] Managed SecurityGroup for LoadBalancer',
    tags: {
      ...clusterTag,
      'ingress.k8s.aws/stack': stack,
      'ingress.k8s.aws/resource': 'ManagedLBSecurityGroup',
    },
  });
  const lb = createApplicationLoadBalancer(context, {
    accountId: at.accountId,
    region: at.region,
    name,
    scheme: ingress.scheme,
    subnetIds,
    securityGroupIds: [frontend.groupId, backendSecurityGroup(call, at)],
    tags: {
      ...clusterTag,
      'ingress.k8s.aws/stack': stack,
      'ingress.k8s.aws/resource': 'LoadBalancer',
    },
    createdAt,
  });
  const targetGroup = createTargetGroupWithListener(context, {
    accountId: at.accountId,
    region: at.region,
    name: controllerName(
      ingress.namespace,
      ingress.serviceName,
      at.clusterName,
      'tg',
    ),
    loadBalancerArn: lb.loadBalancer.LoadBalancerArn!,
    port: ingress.servicePort,
    tags: {
      ...clusterTag,
      'ingress.k8s.aws/stack': stack,
      'ingress.k8s.aws/resource': `${stack}-${ingress.serviceName}:${ingress.servicePort}`,
    },
  });
  return {
    loadBalancerArn: lb.loadBalancer.LoadBalancerArn!,
    targetGroupArn: targetGroup.TargetGroupArn!,
    securityGroupId: frontend.groupId,
  };
}

/**
 * The Ingress is gone: the controller deletes its load balancer and target group, and its
 * frontend security group once EC2 has released the interfaces that use it (the controller
 * retries until then; here, on each later request).
 */
export function removeIngress(
  context: SandboxContext,
  at: Pick<ClusterPlacement, 'accountId' | 'region'>,
  outcome: IngressOutcome,
  pendingGroupDeletes: Set<string>,
): void {
  if ('problem' in outcome) return;
  const scope = { accountId: at.accountId, region: at.region };
  deleteLoadBalancer(context, scope, outcome.loadBalancerArn);
  deleteTargetGroup(
    elbv2StoreOf(context, at.accountId, at.region),
    outcome.targetGroupArn,
  );
  pendingGroupDeletes.add(outcome.securityGroupId);
}

/** Deletes the pending frontend groups no interface uses any more. */
export function deleteReleasedGroups(
  context: SandboxContext,
  at: Pick<ClusterPlacement, 'accountId' | 'region'>,
  pendingGroupDeletes: Set<string>,
): void {
  const call = internalEc2Call(context, at);
  for (const groupId of pendingGroupDeletes) {
    const held = interfacesHolding(call, eni =>
      Boolean(eni.Groups?.some(g => g.GroupId === groupId)),
    );
    if (held.length) continue;
    call.store.securityGroups.delete(groupId);
    call.store.tags.delete(groupId);
    pendingGroupDeletes.delete(groupId);
  }
}
