/**
 * The network of an environment as graph nodes: VPC, flow log, a public and a private
 * subnet per zone, internet gateway, NAT gateways (one per zone, or one in `single` mode)
 * with their Elastic IPs, and route tables with their default routes and associations.
 */
import type { EnvironmentSpec } from '../types';
import { node, ResourceNode } from './types';

/** Where VPC flow logs go: an existing log group (with its delivery role) or S3 bucket. */
export interface FlowLogDestinationRef {
  type: 'cloud-watch-logs' | 's3';
  arn: string;
  deliveryRoleArn?: string;
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

/** Role tags (`eks-platform:component`) of the network resources: their node keys. */
export const NETWORK_KEYS = {
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

export function describeFlowLogDestination(
  destination: FlowLogDestinationRef | undefined,
): string {
  if (!destination) return 'all traffic';
  return destination.type === 'cloud-watch-logs'
    ? `all traffic, to CloudWatch Logs group ${destination.arn.replace(
        /^.*:log-group:([^:]+).*$/,
        '$1',
      )}`
    : `all traffic, to S3 bucket ${destination.arn.replace(
        /^arn:[a-z-]+:s3:::/,
        '',
      )}`;
}

const ANYWHERE = '0.0.0.0/0';

/** Every network node of the spec, in creation order. */
export function networkGraph(
  spec: EnvironmentSpec,
  flowLogDestination?: FlowLogDestinationRef,
): ResourceNode[] {
  const K = NETWORK_KEYS;
  const n = spec.name;
  const zones = spec.availabilityZones;
  const step = 'network' as const;
  const nodes: ResourceNode[] = [
    node({
      key: K.vpc,
      kind: 'vpc',
      step,
      type: 'AWS::EC2::VPC',
      name: `${n}-vpc`,
      description: `${spec.network.vpcCidr}, DNS support and hostnames on, default security group without rules`,
      refs: {},
      properties: { cidr: spec.network.vpcCidr },
    }),
    // DNS support first: AWS refuses DNS hostnames without it. EKS nodes need both.
    ...(['enableDnsSupport', 'enableDnsHostnames'] as const).map(attribute =>
      node({
        key: `${K.vpc}.${attribute}`,
        kind: 'vpc-attribute',
        step,
        name: `${n}-vpc`,
        description: `${attribute} on`,
        refs: { vpc: K.vpc },
        after:
          attribute === 'enableDnsHostnames'
            ? [`${K.vpc}.enableDnsSupport`]
            : [],
        properties: { attribute },
        partOf: K.vpc,
      }),
    ),
    node({
      key: K.defaultSecurityGroup,
      kind: 'default-security-group',
      step,
      name: `${n}-default-no-rules`,
      description: 'every rule removed (CIS AWS Foundations 5.4)',
      refs: { vpc: K.vpc },
      properties: {},
      partOf: K.vpc,
    }),
    node({
      key: K.flowLog,
      kind: 'flow-log',
      step,
      type: 'AWS::EC2::FlowLog',
      name: `${n}-flow-logs`,
      description: describeFlowLogDestination(flowLogDestination),
      refs: { vpc: K.vpc },
      properties: flowLogDestination
        ? {
            destinationType: flowLogDestination.type,
            destination: flowLogDestination.arn,
            ...(flowLogDestination.deliveryRoleArn
              ? { deliveryRoleArn: flowLogDestination.deliveryRoleArn }
              : {}),
          }
        : {},
    }),
  ];
  for (const visibility of ['public', 'private'] as const) {
    zones.forEach((zone, index) => {
      const cidr =
        visibility === 'public'
          ? spec.network.publicSubnetCidrs[index]
          : spec.network.privateSubnetCidrs[index];
      // The AWS Load Balancer Controller picks subnets by these tags.
      const roleTag =
        visibility === 'public'
          ? 'kubernetes.io/role/elb'
          : 'kubernetes.io/role/internal-elb';
      nodes.push(
        node({
          key:
            visibility === 'public'
              ? K.publicSubnet(zone)
              : K.privateSubnet(zone),
          kind: 'subnet',
          step,
          type: 'AWS::EC2::Subnet',
          name: `${n}-${visibility}-${zone}`,
          description: `${cidr} in ${zone}, ${roleTag}`,
          refs: { vpc: K.vpc },
          properties: { cidr, zone, visibility, roleTag },
        }),
      );
    });
  }
  nodes.push(
    node({
      key: K.internetGateway,
      kind: 'internet-gateway',
      step,
      type: 'AWS::EC2::InternetGateway',
      name: `${n}-igw`,
      description: 'attached to the VPC',
      refs: {},
      properties: {},
    }),
    node({
      key: `${K.internetGateway}.attachment`,
      kind: 'internet-gateway-attachment',
      step,
      name: `${n}-igw`,
      description: 'to the VPC',
      refs: { gateway: K.internetGateway, vpc: K.vpc },
      properties: {},
      partOf: K.internetGateway,
    }),
  );
  const routeTable = (
    key: string,
    name: string,
    description: string,
    target: Record<string, string>,
    subnets: [zone: string, subnetKey: string][],
  ) => {
    nodes.push(
      node({
        key,
        kind: 'route-table',
        step,
        type: 'AWS::EC2::RouteTable',
        name,
        description,
        refs: { vpc: K.vpc },
        properties: {},
      }),
      node({
        key: `${key}.default-route`,
        kind: 'route',
        step,
        name,
        description: `${ANYWHERE} → ${Object.values(target)[0]}`,
        refs: { routeTable: key, ...target },
        // A route to a gateway is refused until the gateway is attached to the VPC.
        after: [`${K.internetGateway}.attachment`],
        properties: { destination: ANYWHERE },
        partOf: key,
      }),
      ...subnets.map(([zone, subnetKey]) =>
        node({
          key: `${key}.association-${zone}`,
          kind: 'route-table-association',
          step,
          name,
          description: `with ${subnetKey}`,
          refs: { routeTable: key, subnet: subnetKey },
          properties: {},
          partOf: key,
        }),
      ),
    );
  };
  routeTable(
    K.publicRouteTable,
    `${n}-public`,
    '0.0.0.0/0 via the internet gateway, all public subnets',
    { gateway: K.internetGateway },
    zones.map(zone => [zone, K.publicSubnet(zone)]),
  );
  for (const zone of natZonesOf(spec)) {
    nodes.push(
      node({
        key: K.natAddress(zone),
        kind: 'elastic-ip',
        step,
        type: 'AWS::EC2::EIP',
        name: `${n}-nat-${zone}`,
        description: `for the NAT gateway in ${zone}`,
        refs: {},
        properties: {},
      }),
    );
  }
  for (const zone of natZonesOf(spec)) {
    nodes.push(
      node({
        key: K.natGateway(zone),
        kind: 'nat-gateway',
        step,
        type: 'AWS::EC2::NatGateway',
        name: `${n}-nat-${zone}`,
        description: `public subnet of ${zone}`,
        refs: { subnet: K.publicSubnet(zone), allocation: K.natAddress(zone) },
        // A public NAT gateway needs the VPC's internet gateway (Gateway.NotAttached).
        after: [`${K.internetGateway}.attachment`],
        properties: { connectivity: 'public' },
      }),
    );
  }
  for (const zone of zones) {
    const natZone = natZoneFor(spec, zone);
    routeTable(
      K.privateRouteTable(zone),
      `${n}-private-${zone}`,
      `0.0.0.0/0 via the NAT gateway in ${natZone}, private subnet of ${zone}`,
      { natGateway: K.natGateway(natZone) },
      [[zone, K.privateSubnet(zone)]],
    );
  }
  return nodes;
}
