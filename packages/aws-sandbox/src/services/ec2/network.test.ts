import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateFlowLogsCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteFlowLogsCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAddressesCommand,
  DescribeFlowLogsCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  ReleaseAddressCommand,
  ResourceType,
  Tag,
  waitUntilNatGatewayAvailable,
  waitUntilNatGatewayDeleted,
} from '@aws-sdk/client-ec2';
import { SandboxClock } from '../../core/clock';
import { DPJ_ENVIRONMENTS } from '../../seed/dpjEnvironments';
import { useEc2Sandbox } from './testSandbox';

const spec = DPJ_ENVIRONMENTS.production;
const fastWaiter = (client: EC2Client) => ({
  client,
  maxWaitTime: 20,
  minDelay: 0.05,
  maxDelay: 0.2,
});

function tagged(
  resourceType: ResourceType,
  name: string,
  extra: Record<string, string> = {},
) {
  const tags: Tag[] = Object.entries({
    ...spec.tags,
    Name: name,
    ...extra,
  }).map(([Key, Value]) => ({ Key, Value }));
  return [{ ResourceType: resourceType, Tags: tags }];
}

describe('EC2: the production network, end to end through the SDK', () => {
  const t = useEc2Sandbox();
  const ids = {
    vpc: '',
    publicSubnets: [] as string[],
    privateSubnets: [] as string[],
    igw: '',
    publicTable: '',
    privateTables: [] as string[],
    associations: [] as string[],
    allocations: [] as string[],
    natGateways: [] as string[],
    flowLog: '',
  };

  it('builds the VPC, subnets, gateways, routes and flow logs', async () => {
    const { ec2 } = t;
    const zones = spec.availabilityZones;
    const { Vpc } = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: spec.network.vpcCidr,
        TagSpecifications: tagged('vpc', 'dpj-prod-vpc'),
      }),
    );
    ids.vpc = Vpc!.VpcId!;
    expect(Vpc).toMatchObject({
      CidrBlock: '10.30.0.0/16',
      State: 'pending',
      IsDefault: false,
    });
    expect(ids.vpc).toMatch(/^vpc-[0-9a-f]{17}$/);
    for (const attribute of [
      'EnableDnsSupport',
      'EnableDnsHostnames',
    ] as const) {
      await ec2.send(
        new ModifyVpcAttributeCommand({
          VpcId: ids.vpc,
          [attribute]: { Value: true },
        }),
      );
    }
    const flowLogs = await ec2.send(
      new CreateFlowLogsCommand({
        ResourceIds: [ids.vpc],
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: '/aws/vpc/dpj-prod/flow-logs',
        DeliverLogsPermissionArn:
          'arn:aws:iam::111111111111:role/dpj-prod-flow-logs',
        TagSpecifications: tagged('vpc-flow-log', 'dpj-prod-flow-logs'),
      }),
    );
    expect(flowLogs.Unsuccessful).toEqual([]);
    ids.flowLog = flowLogs.FlowLogIds![0];

    for (const [i, zone] of zones.entries()) {
      const { Subnet: publicSubnet } = await ec2.send(
        new CreateSubnetCommand({
          VpcId: ids.vpc,
          CidrBlock: spec.network.publicSubnetCidrs[i],
          AvailabilityZone: zone,
          TagSpecifications: tagged('subnet', `dpj-prod-public-${zone}`, {
            'kubernetes.io/role/elb': '1',
          }),
        }),
      );
      ids.publicSubnets.push(publicSubnet!.SubnetId!);
      await ec2.send(
        new ModifySubnetAttributeCommand({
          SubnetId: publicSubnet!.SubnetId,
          MapPublicIpOnLaunch: { Value: true },
        }),
      );
      const { Subnet: privateSubnet } = await ec2.send(
        new CreateSubnetCommand({
          VpcId: ids.vpc,
          CidrBlock: spec.network.privateSubnetCidrs[i],
          AvailabilityZone: zone,
          TagSpecifications: tagged('subnet', `dpj-prod-private-${zone}`, {
            'kubernetes.io/role/internal-elb': '1',
          }),
        }),
      );
      expect(privateSubnet).toMatchObject({
        AvailabilityZone: zone,
        AvailabilityZoneId: `euw3-az${i + 1}`,
        AvailableIpAddressCount: 8187,
        State: 'available',
      });
      ids.privateSubnets.push(privateSubnet!.SubnetId!);
    }

    const { InternetGateway } = await ec2.send(
      new CreateInternetGatewayCommand({
        TagSpecifications: tagged('internet-gateway', 'dpj-prod-igw'),
      }),
    );
    ids.igw = InternetGateway!.InternetGatewayId!;
    await ec2.send(
      new AttachInternetGatewayCommand({
        InternetGatewayId: ids.igw,
        VpcId: ids.vpc,
      }),
    );

    const { RouteTable } = await ec2.send(
      new CreateRouteTableCommand({
        VpcId: ids.vpc,
        TagSpecifications: tagged('route-table', 'dpj-prod-public'),
      }),
    );
    ids.publicTable = RouteTable!.RouteTableId!;
    const created = await ec2.send(
      new CreateRouteCommand({
        RouteTableId: ids.publicTable,
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: ids.igw,
      }),
    );
    expect(created.Return).toBe(true);
    for (const subnetId of ids.publicSubnets) {
      const { AssociationId, AssociationState } = await ec2.send(
        new AssociateRouteTableCommand({
          RouteTableId: ids.publicTable,
          SubnetId: subnetId,
        }),
      );
      expect(AssociationState?.State).toBe('associated');
      ids.associations.push(AssociationId!);
    }

    for (const [i, zone] of zones.entries()) {
      const address = await ec2.send(
        new AllocateAddressCommand({
          Domain: 'vpc',
          TagSpecifications: tagged('elastic-ip', `dpj-prod-nat-${zone}`),
        }),
      );
      expect(address).toMatchObject({
        Domain: 'vpc',
        PublicIp: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      });
      ids.allocations.push(address.AllocationId!);
      const { NatGateway } = await ec2.send(
        new CreateNatGatewayCommand({
          SubnetId: ids.publicSubnets[i],
          AllocationId: address.AllocationId,
          ClientToken: `dpj-prod-nat-${zone}`,
          TagSpecifications: tagged('natgateway', `dpj-prod-nat-${zone}`),
        }),
      );
      expect(NatGateway).toMatchObject({
        State: 'pending',
        VpcId: ids.vpc,
        ConnectivityType: 'public',
      });
      ids.natGateways.push(NatGateway!.NatGatewayId!);
    }
    await waitUntilNatGatewayAvailable(fastWaiter(ec2), {
      NatGatewayIds: ids.natGateways,
    });

    for (const [i, zone] of zones.entries()) {
      const { RouteTable: table } = await ec2.send(
        new CreateRouteTableCommand({
          VpcId: ids.vpc,
          TagSpecifications: tagged('route-table', `dpj-prod-private-${zone}`),
        }),
      );
      ids.privateTables.push(table!.RouteTableId!);
      await ec2.send(
        new CreateRouteCommand({
          RouteTableId: table!.RouteTableId,
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: ids.natGateways[i],
        }),
      );
      const { AssociationId } = await ec2.send(
        new AssociateRouteTableCommand({
          RouteTableId: table!.RouteTableId,
          SubnetId: ids.privateSubnets[i],
        }),
      );
      ids.associations.push(AssociationId!);
    }
  });

  it('describes what was built as AWS would', async () => {
    const { ec2 } = t;
    const vpcs = await ec2.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'tag:environment', Values: ['production'] }],
      }),
    );
    expect(vpcs.Vpcs?.map(v => v.VpcId)).toEqual([ids.vpc]);
    expect(vpcs.Vpcs?.[0].Tags).toContainEqual({
      Key: 'Name',
      Value: 'dpj-prod-vpc',
    });
    const hostnames = await ec2.send(
      new DescribeVpcAttributeCommand({
        VpcId: ids.vpc,
        Attribute: 'enableDnsHostnames',
      }),
    );
    expect(hostnames.EnableDnsHostnames?.Value).toBe(true);

    const privateSubnets = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [ids.vpc] },
          { Name: 'tag-key', Values: ['kubernetes.io/role/internal-elb'] },
        ],
      }),
    );
    expect(privateSubnets.Subnets?.map(s => s.SubnetId).sort()).toEqual(
      [...ids.privateSubnets].sort(),
    );
    const publicSubnet = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: [ids.publicSubnets[0]] }),
    );
    // A /24 has 251 usable addresses; its NAT gateway takes one.
    expect(publicSubnet.Subnets?.[0]).toMatchObject({
      AvailableIpAddressCount: 250,
      MapPublicIpOnLaunch: true,
    });

    const available = await ec2.send(
      new DescribeNatGatewaysCommand({
        Filter: [
          { Name: 'vpc-id', Values: [ids.vpc] },
          { Name: 'state', Values: ['available'] },
        ],
      }),
    );
    expect(available.NatGateways).toHaveLength(3);
    expect(available.NatGateways?.[0].NatGatewayAddresses?.[0]).toMatchObject({
      AllocationId: ids.allocations[0],
      PrivateIp: '10.30.0.4',
      IsPrimary: true,
    });

    const { Addresses } = await ec2.send(
      new DescribeAddressesCommand({ AllocationIds: [ids.allocations[1]] }),
    );
    expect(Addresses?.[0]).toMatchObject({
      AssociationId: expect.stringMatching(/^eipassoc-/),
      PrivateIpAddress: '10.30.1.4',
      NetworkInterfaceOwnerId: '111111111111',
    });

    const { RouteTables } = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'association.subnet-id', Values: [ids.privateSubnets[2]] },
        ],
      }),
    );
    expect(RouteTables).toHaveLength(1);
    expect(RouteTables?.[0].Routes).toEqual([
      {
        DestinationCidrBlock: '10.30.0.0/16',
        GatewayId: 'local',
        Origin: 'CreateRouteTable',
        State: 'active',
      },
      {
        DestinationCidrBlock: '0.0.0.0/0',
        NatGatewayId: ids.natGateways[2],
        Origin: 'CreateRoute',
        State: 'active',
      },
    ]);
    const main = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [ids.vpc] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    );
    expect(main.RouteTables).toHaveLength(1);

    const { FlowLogs } = await ec2.send(
      new DescribeFlowLogsCommand({
        Filter: [{ Name: 'resource-id', Values: [ids.vpc] }],
      }),
    );
    expect(FlowLogs?.[0]).toMatchObject({
      FlowLogId: ids.flowLog,
      TrafficType: 'ALL',
      LogGroupName: '/aws/vpc/dpj-prod/flow-logs',
      LogDestination:
        'arn:aws:logs:eu-west-3:111111111111:log-group:/aws/vpc/dpj-prod/flow-logs',
      FlowLogStatus: 'ACTIVE',
    });
  });

  it('refuses to delete the VPC until everything in it is torn down in order', async () => {
    const { ec2 } = t;
    await expect(
      ec2.send(new DeleteVpcCommand({ VpcId: ids.vpc })),
    ).rejects.toMatchObject({
      name: 'DependencyViolation',
      message: `The vpc '${ids.vpc}' has dependencies and cannot be deleted.`,
      $metadata: { httpStatusCode: 400 },
    });

    // The clock stands still while the gateways are deleting (60 AWS seconds, 60 ms
    // here), so a loaded machine cannot let them finish before they are looked at.
    const realClock = t.sandbox.context.clock;
    const frozenAt = Date.now();
    t.sandbox.context.clock = new SandboxClock(0.001, () => frozenAt);
    for (const id of ids.natGateways)
      await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: id }));
    const deleting = await ec2.send(
      new DescribeNatGatewaysCommand({ NatGatewayIds: [ids.natGateways[0]] }),
    );
    expect(deleting.NatGateways?.[0].State).toBe('deleting');
    await expect(
      ec2.send(new ReleaseAddressCommand({ AllocationId: ids.allocations[0] })),
    ).rejects.toMatchObject({
      name: 'InvalidIPAddress.InUse',
    });
    t.sandbox.context.clock = realClock;
    await waitUntilNatGatewayDeleted(fastWaiter(ec2), {
      NatGatewayIds: ids.natGateways,
    });
    // Deleted gateways stay visible, as on AWS, and their routes turn into blackholes.
    const deleted = await ec2.send(
      new DescribeNatGatewaysCommand({
        Filter: [{ Name: 'state', Values: ['deleted'] }],
      }),
    );
    expect(deleted.NatGateways?.map(n => n.NatGatewayId).sort()).toEqual(
      [...ids.natGateways].sort(),
    );
    expect(deleted.NatGateways?.[0].DeleteTime).toBeInstanceOf(Date);
    const blackholes = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'route.state', Values: ['blackhole'] }],
      }),
    );
    expect(blackholes.RouteTables).toHaveLength(3);
    for (const id of ids.allocations)
      await ec2.send(new ReleaseAddressCommand({ AllocationId: id }));

    await expect(
      ec2.send(new DeleteRouteTableCommand({ RouteTableId: ids.publicTable })),
    ).rejects.toMatchObject({
      name: 'DependencyViolation',
      message: `The routeTable '${ids.publicTable}' has dependencies and cannot be deleted.`,
    });
    for (const id of ids.associations)
      await ec2.send(new DisassociateRouteTableCommand({ AssociationId: id }));
    for (const id of [ids.publicTable, ...ids.privateTables]) {
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: id }));
    }

    await expect(
      ec2.send(
        new DeleteInternetGatewayCommand({ InternetGatewayId: ids.igw }),
      ),
    ).rejects.toMatchObject({
      name: 'DependencyViolation',
      message: `The internetGateway '${ids.igw}' has dependencies and cannot be deleted.`,
    });
    await ec2.send(
      new DetachInternetGatewayCommand({
        InternetGatewayId: ids.igw,
        VpcId: ids.vpc,
      }),
    );
    await ec2.send(
      new DeleteInternetGatewayCommand({ InternetGatewayId: ids.igw }),
    );
    for (const id of [...ids.publicSubnets, ...ids.privateSubnets]) {
      await ec2.send(new DeleteSubnetCommand({ SubnetId: id }));
    }
    const removed = await ec2.send(
      new DeleteFlowLogsCommand({ FlowLogIds: [ids.flowLog] }),
    );
    expect(removed.Unsuccessful).toEqual([]);

    await ec2.send(new DeleteVpcCommand({ VpcId: ids.vpc }));
    await expect(
      ec2.send(new DescribeVpcsCommand({ VpcIds: [ids.vpc] })),
    ).rejects.toMatchObject({
      name: 'InvalidVpcID.NotFound',
      message: `The vpc ID '${ids.vpc}' does not exist`,
    });
    const leftovers = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'vpc-id', Values: [ids.vpc] }],
      }),
    );
    expect(leftovers.RouteTables).toEqual([]);
  });
});
