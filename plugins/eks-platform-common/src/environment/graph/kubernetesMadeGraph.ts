/**
 * What the cluster makes in AWS at run time, outside any action: the AWS Load Balancer
 * Controller's load balancers, target groups and `k8s-*` security groups (tagged
 * `elbv2.k8s.aws/cluster`), the security group EKS makes for the cluster, and the EBS CSI
 * driver's volumes (tagged `kubernetes.io/cluster/<cluster>: owned`, since the node group
 * step runs the driver with the cluster's name as its cluster id). No action creates them
 * (step `kubernetes`) and they carry none of the environment's tags. Destroy removes them
 * after the cluster, whose controllers would make them again, and before the network: a
 * load balancer's network interfaces hold its subnets, its security groups and the
 * internet gateway (DependencyViolation).
 */
import { clusterName, EnvironmentSpec } from '../types';
import { NETWORK_KEYS } from './networkGraph';
import { node, ResourceNode } from './types';

/** The tag the AWS Load Balancer Controller puts on everything it creates. */
export const LOAD_BALANCER_CONTROLLER_CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

/** The EBS CSI driver's tag when it runs with a cluster id (`k8sTagClusterId`). */
export const ebsVolumeClusterTag = (cluster: string) =>
  `kubernetes.io/cluster/${cluster}`;

export const KUBERNETES_MADE_KEYS = {
  loadBalancers: 'k8s-load-balancers',
  targetGroups: 'k8s-target-groups',
  securityGroups: 'k8s-security-groups',
  clusterSecurityGroup: 'eks-cluster-security-group',
  volumes: 'k8s-volumes',
} as const;

/** One node per kind: each stands for every resource of the kind the cluster made. */
export function kubernetesMadeGraph(spec: EnvironmentSpec): ResourceNode[] {
  const K = KUBERNETES_MADE_KEYS;
  const N = NETWORK_KEYS;
  const cluster = clusterName(spec);
  const step = 'kubernetes' as const;
  const byController = {
    tagKey: LOAD_BALANCER_CONTROLLER_CLUSTER_TAG,
    tagValue: cluster,
  };
  const subnets = spec.availabilityZones.flatMap(zone => [
    N.publicSubnet(zone),
    N.privateSubnet(zone),
  ]);
  return [
    node({
      key: K.targetGroups,
      kind: 'k8s-target-group',
      step,
      type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      name: `${cluster} target groups`,
      description:
        "the AWS Load Balancer Controller's, one per Service backend",
      refs: {},
      after: [N.vpc],
      properties: byController,
    }),
    node({
      key: K.securityGroups,
      kind: 'k8s-security-group',
      step,
      type: 'AWS::EC2::SecurityGroup',
      name: `${cluster} k8s-* security groups`,
      description:
        "the AWS Load Balancer Controller's: one per load balancer, and the shared backend group",
      refs: {},
      after: [N.vpc],
      properties: byController,
    }),
    node({
      // Its rules name the controller's backend group, which goes after it.
      key: K.clusterSecurityGroup,
      kind: 'eks-cluster-security-group',
      step,
      type: 'AWS::EC2::SecurityGroup',
      name: `eks-cluster-sg-${cluster}`,
      description:
        'made by EKS with the cluster; left behind when a network interface outlived it',
      refs: {},
      after: [N.vpc, K.securityGroups],
      properties: { namePrefix: `eks-cluster-sg-${cluster}` },
    }),
    node({
      // Its listeners use the target groups; its interfaces hold the subnets, its
      // security groups and (with public addresses) the internet gateway.
      key: K.loadBalancers,
      kind: 'k8s-load-balancer',
      step,
      type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      name: `${cluster} load balancers`,
      description: "the AWS Load Balancer Controller's, one per Ingress group",
      refs: {},
      after: [K.targetGroups, K.securityGroups, N.internetGateway, ...subnets],
      properties: byController,
    }),
    node({
      key: K.volumes,
      kind: 'k8s-volume',
      step,
      type: 'AWS::EC2::Volume',
      name: `${cluster} volumes`,
      description: "the EBS CSI driver's, one per PersistentVolumeClaim",
      refs: {},
      // Looked for while the environment's VPC exists; one left keeps the VPC.
      after: [N.vpc],
      properties: { tagKey: ebsVolumeClusterTag(cluster), tagValue: 'owned' },
    }),
  ];
}
