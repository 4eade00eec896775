import { clusterName, EnvironmentSpec } from './types';

/** One AWS resource an environment consists of. */
export interface PlannedResource {
  /** CloudFormation-style resource type, e.g. `AWS::EC2::VPC`. */
  type: string;
  /** Name tag or resource name. */
  name: string;
  /** What sets it apart: CIDR, zone, sizing. */
  detail: string;
}

/** EKS add-ons installed before node groups: networking must exist before pods schedule. */
export const ADDONS_BEFORE_NODES = [
  'vpc-cni',
  'kube-proxy',
  'eks-pod-identity-agent',
] as const;

/** EKS add-ons that need running nodes to become ACTIVE. */
export const ADDONS_AFTER_NODES = [
  'coredns',
  'aws-ebs-csi-driver',
  'aws-efs-csi-driver',
] as const;

/**
 * Every resource creating the environment makes, in creation order. A dry run prints it;
 * the provisioning actions and the destroy action work from the same list.
 */
export function planEnvironment(spec: EnvironmentSpec): PlannedResource[] {
  const cluster = clusterName(spec);
  const zones = spec.availabilityZones;
  const natZones =
    spec.network.natGateways === 'single' ? zones.slice(0, 1) : zones;
  const plan: PlannedResource[] = [];
  const add = (type: string, name: string, detail: string) =>
    plan.push({ type, name, detail });

  add(
    'AWS::EC2::VPC',
    `${spec.name}-vpc`,
    `${spec.network.vpcCidr}, DNS support and hostnames on`,
  );
  add(
    'AWS::EC2::FlowLog',
    `${spec.name}-flow-logs`,
    'all traffic, to CloudWatch Logs',
  );
  zones.forEach((zone, index) => {
    add(
      'AWS::EC2::Subnet',
      `${spec.name}-public-${zone}`,
      `${spec.network.publicSubnetCidrs[index]} in ${zone}, kubernetes.io/role/elb`,
    );
    add(
      'AWS::EC2::Subnet',
      `${spec.name}-private-${zone}`,
      `${spec.network.privateSubnetCidrs[index]} in ${zone}, kubernetes.io/role/internal-elb`,
    );
  });
  add('AWS::EC2::InternetGateway', `${spec.name}-igw`, 'attached to the VPC');
  add(
    'AWS::EC2::RouteTable',
    `${spec.name}-public`,
    '0.0.0.0/0 via the internet gateway, all public subnets',
  );
  for (const zone of natZones) {
    add(
      'AWS::EC2::EIP',
      `${spec.name}-nat-${zone}`,
      `for the NAT gateway in ${zone}`,
    );
    add(
      'AWS::EC2::NatGateway',
      `${spec.name}-nat-${zone}`,
      `public subnet of ${zone}`,
    );
  }
  zones.forEach(zone => {
    const natZone = natZones.includes(zone) ? zone : natZones[0];
    add(
      'AWS::EC2::RouteTable',
      `${spec.name}-private-${zone}`,
      `0.0.0.0/0 via the NAT gateway in ${natZone}`,
    );
  });
  add(
    'AWS::IAM::Role',
    `${cluster}-cluster-role`,
    'assumed by eks.amazonaws.com; AmazonEKSClusterPolicy',
  );
  add(
    'AWS::IAM::Role',
    `${cluster}-node-role`,
    'assumed by ec2.amazonaws.com; AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly',
  );
  add(
    'AWS::IAM::Role',
    `${cluster}-vpc-cni-role`,
    'assumed by pods.eks.amazonaws.com for the VPC CNI (EKS Pod Identity); AmazonEKS_CNI_Policy',
  );
  add(
    'AWS::KMS::Key',
    `${cluster}-secrets`,
    'envelope encryption of Kubernetes secrets, rotation on',
  );
  const endpoint = spec.endpointAccess.public
    ? `public endpoint restricted to ${spec.endpointAccess.publicAccessCidrs.join(
        ', ',
      )}`
    : 'private endpoint only';
  add(
    'AWS::EKS::Cluster',
    cluster,
    `Kubernetes ${spec.kubernetesVersion}, ${endpoint}, all control-plane logs`,
  );
  for (const addon of ADDONS_BEFORE_NODES) {
    add('AWS::EKS::Addon', addon, 'before node groups');
  }
  for (const group of spec.nodeGroups) {
    add(
      'AWS::EC2::LaunchTemplate',
      `${cluster}-${group.name}`,
      `IMDSv2 required, hop limit 1, encrypted gp3 ${group.diskSizeGiB} GiB`,
    );
    add(
      'AWS::EKS::Nodegroup',
      group.name,
      `${group.capacityType} ${group.instanceTypes.join('/')}, ${
        group.minSize
      }–${group.maxSize} nodes (desired ${group.desiredSize})`,
    );
  }
  for (const addon of ADDONS_AFTER_NODES) {
    add('AWS::EKS::Addon', addon, 'after node groups');
  }
  return plan;
}
