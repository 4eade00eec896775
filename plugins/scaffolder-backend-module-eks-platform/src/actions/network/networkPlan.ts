/**
 * The network resources of an environment, each with the role tag it is found by again.
 * Names and order follow `planEnvironment` (the plan action's list), so the dry run, the
 * created resources and the plan agree; a test holds them together.
 */
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import type { FlowLogDestination } from './flowLogDestination';

/** Role tags (`eks-platform:component`) of the network resources. */
export const NETWORK_COMPONENTS = {
  vpc: 'vpc',
  flowLog: 'flow-log',
  defaultSecurityGroup: 'default-security-group',
  internetGateway: 'internet-gateway',
  publicRouteTable: 'public-route-table',
  publicSubnet: (zone: string) => `public-subnet-${zone}`,
  privateSubnet: (zone: string) => `private-subnet-${zone}`,
  natAddress: (zone: string) => `nat-eip-${zone}`,
  natGateway: (zone: string) => `nat-gateway-${zone}`,
  privateRouteTable: (zone: string) => `private-route-table-${zone}`,
} as const;

export type NetworkResourceType =
  | 'AWS::EC2::VPC'
  | 'AWS::EC2::FlowLog'
  | 'AWS::EC2::Subnet'
  | 'AWS::EC2::InternetGateway'
  | 'AWS::EC2::RouteTable'
  | 'AWS::EC2::EIP'
  | 'AWS::EC2::NatGateway';

export interface PlannedNetworkResource {
  type: NetworkResourceType;
  /** Its `Name` tag. */
  name: string;
  /** Its role tag. */
  component: string;
  detail: string;
}

/** Zones that get a NAT gateway: all of them, or the first one in `single` mode. */
export function natZonesOf(spec: EnvironmentSpec): string[] {
  const zones = spec.availabilityZones;
  return spec.network.natGateways === 'single' ? zones.slice(0, 1) : zones;
}

/** The zone whose NAT gateway a private subnet of `zone` sends its egress through. */
export function natZoneFor(spec: EnvironmentSpec, zone: string): string {
  const natZones = natZonesOf(spec);
  return natZones.includes(zone) ? zone : natZones[0];
}

export const networkNames = (spec: EnvironmentSpec) => ({
  vpc: `${spec.name}-vpc`,
  flowLog: `${spec.name}-flow-logs`,
  defaultSecurityGroup: `${spec.name}-default-no-rules`,
  internetGateway: `${spec.name}-igw`,
  publicRouteTable: `${spec.name}-public`,
  publicSubnet: (zone: string) => `${spec.name}-public-${zone}`,
  privateSubnet: (zone: string) => `${spec.name}-private-${zone}`,
  nat: (zone: string) => `${spec.name}-nat-${zone}`,
  privateRouteTable: (zone: string) => `${spec.name}-private-${zone}`,
});

export function describeFlowLogDestination(
  destination: FlowLogDestination | undefined,
): string {
  if (!destination) return 'all traffic';
  return destination.type === 'cloud-watch-logs'
    ? `all traffic, to CloudWatch Logs group ${destination.logGroupName}`
    : `all traffic, to S3 bucket ${destination.bucket}${
        destination.prefix ? `/${destination.prefix}` : ''
      }`;
}

/** Every network resource the environment consists of, in creation order. */
export function planNetwork(
  spec: EnvironmentSpec,
  destination?: FlowLogDestination,
): PlannedNetworkResource[] {
  const C = NETWORK_COMPONENTS;
  const names = networkNames(spec);
  const zones = spec.availabilityZones;
  const plan: PlannedNetworkResource[] = [];
  const add = (
    type: NetworkResourceType,
    name: string,
    component: string,
    detail: string,
  ) => plan.push({ type, name, component, detail });

  add(
    'AWS::EC2::VPC',
    names.vpc,
    C.vpc,
    `${spec.network.vpcCidr}, DNS support and hostnames on, default security group without rules`,
  );
  add(
    'AWS::EC2::FlowLog',
    names.flowLog,
    C.flowLog,
    describeFlowLogDestination(destination),
  );
  zones.forEach((zone, index) => {
    add(
      'AWS::EC2::Subnet',
      names.publicSubnet(zone),
      C.publicSubnet(zone),
      `${spec.network.publicSubnetCidrs[index]} in ${zone}, kubernetes.io/role/elb`,
    );
  });
  zones.forEach((zone, index) => {
    add(
      'AWS::EC2::Subnet',
      names.privateSubnet(zone),
      C.privateSubnet(zone),
      `${spec.network.privateSubnetCidrs[index]} in ${zone}, kubernetes.io/role/internal-elb`,
    );
  });
  add(
    'AWS::EC2::InternetGateway',
    names.internetGateway,
    C.internetGateway,
    'attached to the VPC',
  );
  add(
    'AWS::EC2::RouteTable',
    names.publicRouteTable,
    C.publicRouteTable,
    '0.0.0.0/0 via the internet gateway, all public subnets',
  );
  for (const zone of natZonesOf(spec)) {
    add(
      'AWS::EC2::EIP',
      names.nat(zone),
      C.natAddress(zone),
      `for the NAT gateway in ${zone}`,
    );
  }
  for (const zone of natZonesOf(spec)) {
    add(
      'AWS::EC2::NatGateway',
      names.nat(zone),
      C.natGateway(zone),
      `public subnet of ${zone}`,
    );
  }
  for (const zone of zones) {
    add(
      'AWS::EC2::RouteTable',
      names.privateRouteTable(zone),
      C.privateRouteTable(zone),
      `0.0.0.0/0 via the NAT gateway in ${natZoneFor(
        spec,
        zone,
      )}, private subnet of ${zone}`,
    );
  }
  return plan;
}
