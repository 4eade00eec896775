import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { freshVpc, useEc2Sandbox } from './testSandbox';

describe('EC2 tags, ClientToken idempotency and NAT gateway failure', () => {
  const t = useEc2Sandbox();
  let ec2: EC2Client;
  let vpcId: string;

  beforeEach(async () => {
    ({ ec2, vpcId } = await freshVpc(t, '10.10.0.0/16', {
      environment: 'dev',
    }));
  });

  it('tags, untags and describes tags on every resource type', async () => {
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.10.0.0/24' }),
    );
    const { RouteTable } = await ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    const { AllocationId } = await ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc' }),
    );
    const resources = [
      vpcId,
      Subnet!.SubnetId!,
      RouteTable!.RouteTableId!,
      AllocationId!,
    ];
    await ec2.send(
      new CreateTagsCommand({
        Resources: resources,
        Tags: [
          { Key: 'cost-center', Value: 'dpj-platform' },
          { Key: 'tmp', Value: '1' },
        ],
      }),
    );
    const tagged = await ec2.send(
      new DescribeTagsCommand({
        Filters: [{ Name: 'key', Values: ['cost-center'] }],
      }),
    );
    expect(
      tagged.Tags?.map(d => [d.ResourceType, d.ResourceId]).sort(),
    ).toEqual(
      [
        ['elastic-ip', AllocationId],
        ['route-table', RouteTable!.RouteTableId],
        ['subnet', Subnet!.SubnetId],
        ['vpc', vpcId],
      ].sort(),
    );
    const subnetsOnly = await ec2.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'resource-type', Values: ['subnet'] },
          { Name: 'resource-id', Values: [Subnet!.SubnetId!] },
        ],
      }),
    );
    expect(subnetsOnly.Tags?.map(d => d.Key).sort()).toEqual([
      'cost-center',
      'tmp',
    ]);
    const page = await ec2.send(new DescribeTagsCommand({ MaxResults: 5 }));
    expect(page.Tags).toHaveLength(5);
    expect(page.NextToken).toEqual(expect.any(String));

    await ec2.send(
      new DeleteTagsCommand({ Resources: resources, Tags: [{ Key: 'tmp' }] }),
    );
    const bySubnetTag = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'tag:cost-center', Values: ['dpj-*'] }],
      }),
    );
    expect(bySubnetTag.Subnets?.[0].Tags).toEqual([
      { Key: 'cost-center', Value: 'dpj-platform' },
    ]);
    const untagged = await ec2.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'tag-key', Values: ['tmp'] }],
      }),
    );
    expect(untagged.Vpcs).toEqual([]);
    await expect(
      ec2.send(
        new CreateTagsCommand({
          Resources: ['subnet-1'],
          Tags: [{ Key: 'a', Value: 'b' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidSubnetID.NotFound',
      message: "The subnet ID 'subnet-1' does not exist",
    });
  });

  it('answers a retried create with the same ClientToken with the first resource', async () => {
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.10.0.0/24' }),
    );
    const { InternetGateway } = await ec2.send(
      new CreateInternetGatewayCommand({}),
    );
    await ec2.send(
      new AttachInternetGatewayCommand({
        InternetGatewayId: InternetGateway!.InternetGatewayId,
        VpcId: vpcId,
      }),
    );
    const { AllocationId } = await ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc' }),
    );
    const input = {
      SubnetId: Subnet!.SubnetId,
      AllocationId,
      ClientToken: 'nat-a',
    };
    const first = await ec2.send(new CreateNatGatewayCommand(input));
    const second = await ec2.send(new CreateNatGatewayCommand(input));
    expect(second.NatGateway?.NatGatewayId).toBe(
      first.NatGateway?.NatGatewayId,
    );
    expect(second.ClientToken).toBe('nat-a');
    const { NatGateways } = await ec2.send(new DescribeNatGatewaysCommand({}));
    expect(NatGateways).toHaveLength(1);

    const table = { VpcId: vpcId, ClientToken: 'rtb-a' };
    const rtb1 = await ec2.send(new CreateRouteTableCommand(table));
    const rtb2 = await ec2.send(new CreateRouteTableCommand(table));
    expect(rtb2.RouteTable?.RouteTableId).toBe(rtb1.RouteTable?.RouteTableId);
    const tables = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
      }),
    );
    expect(tables.RouteTables).toHaveLength(2); // the main table and this one
  });

  it('fails a public NAT gateway in a VPC without an internet gateway, as AWS does', async () => {
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.10.0.0/24' }),
    );
    const { AllocationId } = await ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc' }),
    );
    const { NatGateway } = await ec2.send(
      new CreateNatGatewayCommand({ SubnetId: Subnet!.SubnetId, AllocationId }),
    );
    let state = NatGateway?.State;
    let failure;
    while (state === 'pending') {
      await new Promise(resolve => setTimeout(resolve, 20));
      const { NatGateways } = await ec2.send(
        new DescribeNatGatewaysCommand({
          NatGatewayIds: [NatGateway!.NatGatewayId!],
        }),
      );
      state = NatGateways?.[0].State;
      failure = NatGateways?.[0];
    }
    expect(state).toBe('failed');
    expect(failure).toMatchObject({
      FailureCode: 'Gateway.NotAttached',
      FailureMessage: `Network ${vpcId} has no Internet gateway attached`,
    });
  });
});
