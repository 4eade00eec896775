import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DescribeInternetGatewaysCommand,
  DescribeLaunchTemplatesCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  EC2Client,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2';
import { awsError, ec2ClientFor, freshVpc, useEc2Sandbox } from './testSandbox';

describe('EC2 network errors, with AWS codes and wording', () => {
  const t = useEc2Sandbox();
  let ec2: EC2Client;
  let vpcId: string;

  beforeEach(async () => {
    ({ ec2, vpcId } = await freshVpc(t, '10.0.0.0/16'));
  });

  it('rejects VPC blocks outside /16–/28 and malformed ones', async () => {
    for (const cidr of ['10.0.0.0/8', '10.0.0.0/29']) {
      await expect(
        ec2.send(new CreateVpcCommand({ CidrBlock: cidr })),
      ).rejects.toMatchObject(
        awsError('InvalidVpc.Range', `The CIDR '${cidr}' is invalid.`),
      );
    }
    await expect(
      ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0/16' })),
    ).rejects.toMatchObject(
      awsError(
        'InvalidParameterValue',
        'Value (10.0.0/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.',
      ),
    );
  });

  it('stops at five VPCs per region', async () => {
    for (let i = 1; i < 5; i++) {
      await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
    }
    await expect(
      ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' })),
    ).rejects.toMatchObject(
      awsError(
        'VpcLimitExceeded',
        'The maximum number of VPCs has been reached.',
      ),
    );
    // The quota is per region: another region still has room.
    const paris = await ec2.send(new DescribeVpcsCommand({}));
    expect(paris.Vpcs).toHaveLength(5);
    const ireland = ec2ClientFor(t.sandbox.url, { region: 'eu-west-1' });
    const { Vpc } = await ireland.send(
      new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }),
    );
    expect(Vpc?.VpcId).toMatch(/^vpc-/);
  });

  it('names unknown ids in the NotFound errors', async () => {
    await expect(
      ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })),
    ).rejects.toMatchObject(
      awsError(
        'InvalidVpcID.NotFound',
        "The vpc ID 'vpc-0123456789abcdef0' does not exist",
      ),
    );
    await expect(
      ec2.send(
        new DescribeSubnetsCommand({ SubnetIds: ['subnet-1', 'subnet-2'] }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'InvalidSubnetID.NotFound',
        "The subnet IDs 'subnet-1, subnet-2' do not exist",
      ),
    );
    await expect(
      ec2.send(
        new DescribeInternetGatewaysCommand({ InternetGatewayIds: ['igw-1'] }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'InvalidInternetGatewayID.NotFound',
        "The internetGateway ID 'igw-1' does not exist",
      ),
    );
    await expect(
      ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-1'] })),
    ).rejects.toMatchObject(
      awsError('NatGatewayNotFound', 'NAT gateway nat-1 was not found'),
    );
    await expect(
      ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-1'] })),
    ).rejects.toMatchObject(
      awsError(
        'InvalidGroup.NotFound',
        "The security group 'sg-1' does not exist",
      ),
    );
    await expect(
      ec2.send(
        new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ['lt-1'] }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'InvalidLaunchTemplateId.NotFound',
        'The specified launch template, with template ID lt-1, does not exist.',
      ),
    );
    await expect(
      ec2.send(
        new CreateSubnetCommand({ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' }),
      ),
    ).rejects.toMatchObject(
      awsError('InvalidVpcID.NotFound', "The vpc ID 'vpc-1' does not exist"),
    );
  });

  it('checks subnet blocks against the VPC, its other subnets and the region', async () => {
    await expect(
      ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24' }),
      ),
    ).rejects.toMatchObject(
      awsError('InvalidSubnet.Range', "The CIDR '10.1.0.0/24' is invalid."),
    );
    await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.0.0.0/20',
        AvailabilityZone: 'eu-west-3a',
      }),
    );
    await expect(
      ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'InvalidSubnet.Conflict',
        "The CIDR '10.0.1.0/24' conflicts with another subnet",
      ),
    );
    await expect(
      ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: '10.0.16.0/24',
          AvailabilityZone: 'eu-west-3d',
        }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'InvalidParameterValue',
        'Value (eu-west-3d) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: eu-west-3a, eu-west-3b, eu-west-3c.',
      ),
    );
  });

  it('guards internet gateway attachments', async () => {
    const { InternetGateway } = await ec2.send(
      new CreateInternetGatewayCommand({}),
    );
    const igw = InternetGateway!.InternetGatewayId!;
    await expect(
      ec2.send(
        new DetachInternetGatewayCommand({
          InternetGatewayId: igw,
          VpcId: vpcId,
        }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'Gateway.NotAttached',
        `resource ${igw} is not attached to network ${vpcId}`,
      ),
    );
    await ec2.send(
      new AttachInternetGatewayCommand({
        InternetGatewayId: igw,
        VpcId: vpcId,
      }),
    );
    await expect(
      ec2.send(
        new AttachInternetGatewayCommand({
          InternetGatewayId: igw,
          VpcId: vpcId,
        }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'Resource.AlreadyAssociated',
        `resource ${igw} is already attached to network ${vpcId}`,
      ),
    );
    const attached = await ec2.send(
      new DescribeInternetGatewaysCommand({
        Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }],
      }),
    );
    expect(attached.InternetGateways?.[0].Attachments).toEqual([
      { VpcId: vpcId, State: 'available' },
    ]);
  });

  it('limits Elastic IPs and keeps the one a NAT gateway uses, and the subnet it sits in', async () => {
    const allocations: string[] = [];
    for (let i = 0; i < 5; i++) {
      allocations.push(
        (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })))
          .AllocationId!,
      );
    }
    await expect(
      ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })),
    ).rejects.toMatchObject(
      awsError(
        'AddressLimitExceeded',
        'The maximum number of addresses has been reached.',
      ),
    );
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.0/24' }),
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
    await ec2.send(
      new CreateNatGatewayCommand({
        SubnetId: Subnet!.SubnetId,
        AllocationId: allocations[0],
      }),
    );
    await expect(
      ec2.send(new ReleaseAddressCommand({ AllocationId: allocations[0] })),
    ).rejects.toMatchObject(
      awsError(
        'InvalidIPAddress.InUse',
        /^Address \d+\.\d+\.\d+\.\d+ is in use\.$/,
      ),
    );
    await expect(
      ec2.send(
        new CreateNatGatewayCommand({
          SubnetId: Subnet!.SubnetId,
          AllocationId: allocations[0],
        }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'Resource.AlreadyAssociated',
        `Elastic IP address [${allocations[0]}] is already associated`,
      ),
    );
    await expect(
      ec2.send(new DeleteSubnetCommand({ SubnetId: Subnet!.SubnetId })),
    ).rejects.toMatchObject(
      awsError(
        'DependencyViolation',
        `The subnet '${
          Subnet!.SubnetId
        }' has dependencies and cannot be deleted.`,
      ),
    );
    await expect(
      ec2.send(new ReleaseAddressCommand({ AllocationId: 'eipalloc-1' })),
    ).rejects.toMatchObject(
      awsError(
        'InvalidAllocationID.NotFound',
        "The allocation ID 'eipalloc-1' does not exist",
      ),
    );
  });

  it('refuses a second route to the same destination and a second table on a subnet', async () => {
    const { InternetGateway } = await ec2.send(
      new CreateInternetGatewayCommand({}),
    );
    const igw = InternetGateway!.InternetGatewayId!;
    await ec2.send(
      new AttachInternetGatewayCommand({
        InternetGatewayId: igw,
        VpcId: vpcId,
      }),
    );
    const { RouteTable } = await ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    const route = {
      RouteTableId: RouteTable!.RouteTableId,
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: igw,
    };
    await ec2.send(new CreateRouteCommand(route));
    await expect(ec2.send(new CreateRouteCommand(route))).rejects.toMatchObject(
      awsError(
        'RouteAlreadyExists',
        'The route identified by 0.0.0.0/0 already exists.',
      ),
    );
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.0/24' }),
    );
    await ec2.send(
      new AssociateRouteTableCommand({
        RouteTableId: RouteTable!.RouteTableId,
        SubnetId: Subnet!.SubnetId,
      }),
    );
    const { RouteTable: other } = await ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    await expect(
      ec2.send(
        new AssociateRouteTableCommand({
          RouteTableId: other!.RouteTableId,
          SubnetId: Subnet!.SubnetId,
        }),
      ),
    ).rejects.toMatchObject({ name: 'Resource.AlreadyAssociated' });
  });
});
