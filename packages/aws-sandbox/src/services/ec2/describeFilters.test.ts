import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupEgressCommand,
  CreateLaunchTemplateCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DescribeAddressesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  paginateDescribeSubnets,
  Subnet,
} from '@aws-sdk/client-ec2';
import {
  createSecurityGroupFor,
  subnetsOf,
  useSubnetAddresses,
} from './otherServices';
import { awsError, useEc2Sandbox } from './testSandbox';

describe('EC2 filters, pagination and the access other services have', () => {
  const t = useEc2Sandbox();
  let vpcId: string;
  const subnetIds: string[] = [];
  const scope = { accountId: '111111111111', region: 'eu-west-3' };

  beforeAll(async () => {
    const { Vpc } = await t.ec2.send(
      new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }),
    );
    vpcId = Vpc!.VpcId!;
    for (let i = 0; i < 7; i++) {
      const { Subnet: subnet } = await t.ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.40.${i}.0/24`,
          AvailabilityZone: `eu-west-3${'abc'[i % 3]}`,
        }),
      );
      subnetIds.push(subnet!.SubnetId!);
    }
  });

  it('filters subnets by zone, with wildcards, and pages them', async () => {
    const inA = await t.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'availability-zone', Values: ['eu-west-3a'] }],
      }),
    );
    expect(inA.Subnets?.map(s => s.CidrBlock)).toEqual([
      '10.40.0.0/24',
      '10.40.3.0/24',
      '10.40.6.0/24',
    ]);
    const wildcard = await t.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'cidr-block', Values: ['10.40.?.0/24'] }],
      }),
    );
    expect(wildcard.Subnets).toHaveLength(7);
    const pages: Subnet[][] = [];
    for await (const page of paginateDescribeSubnets(
      { client: t.ec2, pageSize: 5 },
      { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] },
    )) {
      pages.push(page.Subnets ?? []);
    }
    expect(pages.map(p => p.length)).toEqual([5, 2]);
    expect(pages.flat().map(s => s.SubnetId)).toEqual(subnetIds);
  });

  it('filters Elastic IPs by domain and launch templates by name', async () => {
    const { AllocationId } = await t.ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc' }),
    );
    const vpcAddresses = await t.ec2.send(
      new DescribeAddressesCommand({
        Filters: [{ Name: 'domain', Values: ['vpc'] }],
      }),
    );
    expect(vpcAddresses.Addresses?.map(a => a.AllocationId)).toEqual([
      AllocationId,
    ]);
    const standard = await t.ec2.send(
      new DescribeAddressesCommand({
        Filters: [{ Name: 'domain', Values: ['standard'] }],
      }),
    );
    expect(standard.Addresses).toEqual([]);

    for (const name of ['dpj-dev-cluster-system', 'other-template']) {
      await t.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: name,
          LaunchTemplateData: { EbsOptimized: true },
        }),
      );
    }
    const dpj = await t.ec2.send(
      new DescribeLaunchTemplatesCommand({
        Filters: [{ Name: 'launch-template-name', Values: ['dpj-*'] }],
      }),
    );
    expect(dpj.LaunchTemplates?.map(l => l.LaunchTemplateName)).toEqual([
      'dpj-dev-cluster-system',
    ]);
    await expect(
      t.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'a b',
          LaunchTemplateData: { EbsOptimized: true },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidLaunchTemplateName.MalformedException',
    });
  });

  it('authorizes egress rules', async () => {
    const groupId = createSecurityGroupFor(t.sandbox.context, {
      ...scope,
      vpcId,
      groupName: 'eks-cluster-sg-dpj-dev-cluster',
      description: 'EKS created security group',
      tags: { 'aws:eks:cluster-name': 'dpj-dev-cluster' },
    });
    const { SecurityGroupRules } = await t.ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId: groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'HTTPS' }],
          },
        ],
      }),
    );
    expect(SecurityGroupRules?.[0]).toMatchObject({
      IsEgress: true,
      CidrIpv4: '10.0.0.0/8',
      Description: 'HTTPS',
    });
    const { SecurityGroups } = await t.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'tag:aws:eks:cluster-name', Values: ['dpj-dev-cluster'] },
        ],
      }),
    );
    expect(SecurityGroups?.[0].GroupId).toBe(groupId);
    expect(SecurityGroups?.[0].IpPermissionsEgress).toHaveLength(2);
  });

  it('lets other services take subnet addresses and read subnets', async () => {
    const [subnet] = subnetsOf(t.sandbox.context, scope, [subnetIds[1]]);
    expect(subnet).toMatchObject({
      VpcId: vpcId,
      AvailabilityZone: 'eu-west-3b',
    });
    expect(() => subnetsOf(t.sandbox.context, scope, ['subnet-1'])).toThrow(
      "The subnet ID 'subnet-1' does not exist",
    );
    useSubnetAddresses(t.sandbox.context, {
      ...scope,
      subnetId: subnetIds[1],
      count: 4,
    });
    const { Subnets } = await t.ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: [subnetIds[1]] }),
    );
    expect(Subnets?.[0].AvailableIpAddressCount).toBe(251 - 4);
    await expect(
      t.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetIds[1] })),
    ).rejects.toMatchObject(
      awsError(
        'DependencyViolation',
        `The subnet '${subnetIds[1]}' has dependencies and cannot be deleted.`,
      ),
    );
    useSubnetAddresses(t.sandbox.context, {
      ...scope,
      subnetId: subnetIds[1],
      count: -4,
    });
  });

  it('drops a route table association together with its subnet, as AWS does', async () => {
    const { RouteTable } = await t.ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    await t.ec2.send(
      new AssociateRouteTableCommand({
        RouteTableId: RouteTable!.RouteTableId,
        SubnetId: subnetIds[1],
      }),
    );
    await t.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetIds[1] }));
    const { RouteTables } = await t.ec2.send(
      new DescribeRouteTablesCommand({
        RouteTableIds: [RouteTable!.RouteTableId!],
      }),
    );
    expect(RouteTables?.[0].Associations).toEqual([]);
  });
});
