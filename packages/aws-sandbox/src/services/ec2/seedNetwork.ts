import type { SeedEnvironment } from '../../seed/dpjEnvironments';
import { SandboxContext } from '../../core/types';
import { allocateAddress } from './addresses';
import { addLogGroup } from './flowLogDestinations';
import { createFlowLogs } from './flowLogs';
import {
  attachInternetGateway,
  createInternetGateway,
} from './internetGateways';
import { createNatGateway } from './natGateways';
import {
  associateRouteTable,
  createRoute,
  createRouteTable,
} from './routeTables';
import { Ec2Call, ec2StoreOf, TagMap } from './store';
import { createSubnet } from './subnets';
import { createVpc } from './vpcs';

export interface SeededNetwork {
  vpcId: string;
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  internetGatewayId: string;
  natGatewayIds: string[];
}

/**
 * Creates, already in their final states, the network the provisioning action builds for
 * `spec`: VPC with DNS support and hostnames, public and private subnets per zone, internet
 * gateway, one Elastic IP and NAT gateway per zone (or one), route tables and flow logs.
 * Every resource carries `spec.tags` plus a `Name`, as the bank's accounts name them.
 */
export function seedNetwork(
  context: SandboxContext,
  input: {
    accountId: string;
    region: string;
    spec: SeedEnvironment;
    createdAt: number;
  },
): SeededNetwork {
  const { accountId, region, spec, createdAt } = input;
  const call: Ec2Call = {
    store: ec2StoreOf(context, accountId, region),
    accountId,
    region,
    context,
    operation: 'Seed',
  };
  const tagged = (resourceType: string, name: string, extra: TagMap = {}) => [
    {
      ResourceType: resourceType as 'vpc',
      Tags: Object.entries({ ...spec.tags, Name: name, ...extra }).map(
        ([Key, Value]) => ({
          Key,
          Value,
        }),
      ),
    },
  ];
  const zones = spec.availabilityZones;
  const natZones =
    spec.network.natGateways === 'single' ? zones.slice(0, 1) : zones;

  const vpcRecord = createVpc(call, {
    CidrBlock: spec.network.vpcCidr,
    TagSpecifications: tagged('vpc', `${spec.name}-vpc`),
  });
  vpcRecord.enableDnsHostnames = true;
  vpcRecord.enableDnsSupport = true;
  const vpcId = vpcRecord.vpc.VpcId!;

  const publicSubnets = zones.map((zone, i) => {
    const subnet = createSubnet(call, {
      VpcId: vpcId,
      CidrBlock: spec.network.publicSubnetCidrs[i],
      AvailabilityZone: zone,
      TagSpecifications: tagged('subnet', `${spec.name}-public-${zone}`, {
        'kubernetes.io/role/elb': '1',
      }),
    });
    subnet.MapPublicIpOnLaunch = true;
    return subnet.SubnetId!;
  });
  const privateSubnets = zones.map(
    (zone, i) =>
      createSubnet(call, {
        VpcId: vpcId,
        CidrBlock: spec.network.privateSubnetCidrs[i],
        AvailabilityZone: zone,
        TagSpecifications: tagged('subnet', `${spec.name}-private-${zone}`, {
          'kubernetes.io/role/internal-elb': '1',
        }),
      }).SubnetId!,
  );

  const igw = createInternetGateway(call, {
    TagSpecifications: tagged('internet-gateway', `${spec.name}-igw`),
  });
  attachInternetGateway(call, {
    InternetGatewayId: igw.InternetGatewayId,
    VpcId: vpcId,
  });

  const publicTable = createRouteTable(call, {
    VpcId: vpcId,
    TagSpecifications: tagged('route-table', `${spec.name}-public`),
  });
  createRoute(call, {
    RouteTableId: publicTable.RouteTableId,
    DestinationCidrBlock: '0.0.0.0/0',
    GatewayId: igw.InternetGatewayId,
  });
  for (const subnetId of publicSubnets) {
    associateRouteTable(call, {
      RouteTableId: publicTable.RouteTableId,
      SubnetId: subnetId,
    });
  }

  const natByZone = new Map<string, string>();
  for (const zone of natZones) {
    const address = allocateAddress(call, {
      Domain: 'vpc',
      TagSpecifications: tagged('elastic-ip', `${spec.name}-nat-${zone}`),
    });
    const nat = createNatGateway(
      call,
      {
        SubnetId: publicSubnets[zones.indexOf(zone)],
        AllocationId: address.AllocationId,
        TagSpecifications: tagged('natgateway', `${spec.name}-nat-${zone}`),
      },
      { createdAt },
    );
    natByZone.set(zone, nat.id);
  }

  zones.forEach((zone, i) => {
    const table = createRouteTable(call, {
      VpcId: vpcId,
      TagSpecifications: tagged('route-table', `${spec.name}-private-${zone}`),
    });
    createRoute(call, {
      RouteTableId: table.RouteTableId,
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: natByZone.get(zone) ?? natByZone.get(natZones[0]),
    });
    associateRouteTable(call, {
      RouteTableId: table.RouteTableId,
      SubnetId: privateSubnets[i],
    });
  });

  addLogGroup(
    context,
    { accountId, region },
    `/aws/vpc/${spec.name}/flow-logs`,
  );
  createFlowLogs(call, {
    ResourceIds: [vpcId],
    ResourceType: 'VPC',
    TrafficType: 'ALL',
    LogDestinationType: 'cloud-watch-logs',
    LogGroupName: `/aws/vpc/${spec.name}/flow-logs`,
    DeliverLogsPermissionArn: `arn:aws:iam::${accountId}:role/${spec.name}-flow-logs`,
    TagSpecifications: tagged('vpc-flow-log', `${spec.name}-flow-logs`),
  });

  return {
    vpcId,
    publicSubnetIds: publicSubnets,
    privateSubnetIds: privateSubnets,
    internetGatewayId: igw.InternetGatewayId!,
    natGatewayIds: [...natByZone.values()],
  };
}
