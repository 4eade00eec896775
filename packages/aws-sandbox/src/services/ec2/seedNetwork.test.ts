import {
  DescribeAddressesCommand,
  DescribeFlowLogsCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { DPJ_ENVIRONMENTS } from '../../seed/dpjEnvironments';
import { ec2Inventory } from './inventory';
import { SeededNetwork, seedNetwork } from './seedNetwork';
import { ec2ClientFor, useEc2Sandbox } from './testSandbox';

const CREATED_AT = Date.parse('2026-01-05T08:00:00Z');

describe('seedNetwork', () => {
  const seeded: Record<string, SeededNetwork> = {};
  const t = useEc2Sandbox({
    seed: context => {
      seeded.prod = seedNetwork(context, {
        accountId: '111111111111',
        region: 'eu-west-3',
        spec: DPJ_ENVIRONMENTS.production,
        createdAt: CREATED_AT,
      });
      seeded.dev = seedNetwork(context, {
        accountId: '222222222222',
        region: 'eu-west-3',
        spec: DPJ_ENVIRONMENTS.dev,
        createdAt: CREATED_AT,
      });
    },
  });

  it('creates the production network already available, tagged and routed', async () => {
    const { ec2 } = t;
    const { vpcId, publicSubnetIds, privateSubnetIds, natGatewayIds } =
      seeded.prod;
    const { Vpcs } = await ec2.send(
      new DescribeVpcsCommand({ VpcIds: [vpcId] }),
    );
    expect(Vpcs?.[0]).toMatchObject({
      CidrBlock: '10.30.0.0/16',
      State: 'available',
    });
    expect(Vpcs?.[0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Name', Value: 'dpj-prod-vpc' },
        { Key: 'environment', Value: 'production' },
        { Key: 'cost-center', Value: 'dpj-platform' },
      ]),
    );
    const dns = await ec2.send(
      new DescribeVpcAttributeCommand({
        VpcId: vpcId,
        Attribute: 'enableDnsHostnames',
      }),
    );
    expect(dns.EnableDnsHostnames?.Value).toBe(true);

    const elb = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'tag:kubernetes.io/role/elb', Values: ['1'] }],
      }),
    );
    expect(elb.Subnets?.map(s => s.SubnetId)).toEqual(publicSubnetIds);
    const internal = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: privateSubnetIds }),
    );
    expect(
      internal.Subnets?.map(s => [
        s.AvailabilityZone,
        s.CidrBlock,
        s.AvailableIpAddressCount,
      ]),
    ).toEqual([
      ['eu-west-3a', '10.30.32.0/19', 8187],
      ['eu-west-3b', '10.30.64.0/19', 8187],
      ['eu-west-3c', '10.30.96.0/19', 8187],
    ]);

    const { NatGateways } = await ec2.send(
      new DescribeNatGatewaysCommand({ NatGatewayIds: natGatewayIds }),
    );
    expect(
      NatGateways?.map(n => [n.State, n.SubnetId, n.CreateTime?.getTime()]),
    ).toEqual(publicSubnetIds.map(id => ['available', id, CREATED_AT]));
    const { Addresses } = await ec2.send(new DescribeAddressesCommand({}));
    expect(
      Addresses?.every(a => a.AssociationId?.startsWith('eipassoc-')),
    ).toBe(true);
    expect(Addresses).toHaveLength(3);

    for (const [i, subnetId] of privateSubnetIds.entries()) {
      const { RouteTables } = await ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }],
        }),
      );
      expect(RouteTables?.[0].Routes?.[1]).toMatchObject({
        NatGatewayId: natGatewayIds[i],
        State: 'active',
      });
      expect(RouteTables?.[0].Tags).toContainEqual({
        Key: 'Name',
        Value: `dpj-prod-private-eu-west-3${'abc'[i]}`,
      });
    }
    const igw = await ec2.send(
      new DescribeInternetGatewaysCommand({
        Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }],
      }),
    );
    expect(igw.InternetGateways?.[0].InternetGatewayId).toBe(
      seeded.prod.internetGatewayId,
    );
    const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({}));
    expect(FlowLogs?.[0]).toMatchObject({
      ResourceId: vpcId,
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
  });

  it('uses one NAT gateway for every zone when the spec says single', async () => {
    const staging = ec2ClientFor(t.sandbox.url, {
      accessKeyId: 'AKIDSANDBOXSTAGING',
    });
    const { NatGateways } = await staging.send(
      new DescribeNatGatewaysCommand({}),
    );
    expect(NatGateways).toHaveLength(1);
    const { RouteTables } = await staging.send(
      new DescribeRouteTablesCommand({
        Filters: [
          {
            Name: 'route.nat-gateway-id',
            Values: [NatGateways![0].NatGatewayId!],
          },
        ],
      }),
    );
    expect(RouteTables).toHaveLength(3);
    staging.destroy();
  });

  it('feeds the inventory of NAT gateways and subnets across accounts', () => {
    const inventory = ec2Inventory(t.sandbox.context);
    const nats = inventory.natGateways();
    expect(nats.map(n => n.accountId).sort()).toEqual([
      '111111111111',
      '111111111111',
      '111111111111',
      '222222222222',
    ]);
    expect(nats[0]).toMatchObject({
      region: 'eu-west-3',
      createdAt: CREATED_AT,
      deletedAt: undefined,
    });
    expect(nats[0].tags.Name).toBe('dpj-prod-nat-eu-west-3a');
    const subnets = inventory.subnets();
    expect(subnets).toHaveLength(12);
    expect(
      subnets.find(s => s.id === seeded.prod.publicSubnetIds[0]),
    ).toMatchObject({
      vpcId: seeded.prod.vpcId,
      cidrBlock: '10.30.0.0/24',
      availabilityZone: 'eu-west-3a',
      availableIpAddressCount: 250,
    });
  });
});
