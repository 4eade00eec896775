import {
  AllocateAddressCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  DescribeNatGatewaysCommand,
} from '@aws-sdk/client-ec2';
import { SandboxClock } from '../../core/clock';
import { awsError, freshVpc, useEc2Sandbox } from './testSandbox';

describe('EC2 eventual consistency: a NAT gateway just created', () => {
  const t = useEc2Sandbox();

  it('is unknown to CreateRoute and DescribeNatGateways for a moment, then found', async () => {
    const { ec2, vpcId } = await freshVpc(t, '10.0.0.0/16');
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.0/24' }),
    );
    const { AllocationId } = await ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc' }),
    );
    const { RouteTable } = await ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    let now = Date.now();
    t.sandbox.context.clock = new SandboxClock(0.001, () => now);
    const { NatGateway } = await ec2.send(
      new CreateNatGatewayCommand({ SubnetId: Subnet!.SubnetId, AllocationId }),
    );
    const route = () =>
      ec2.send(
        new CreateRouteCommand({
          RouteTableId: RouteTable!.RouteTableId,
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: NatGateway!.NatGatewayId,
        }),
      );
    await expect(route()).rejects.toMatchObject(
      awsError(
        'InvalidNatGatewayID.NotFound',
        `The natGateway ID '${NatGateway!.NatGatewayId}' does not exist`,
      ),
    );
    await expect(
      ec2.send(
        new DescribeNatGatewaysCommand({
          NatGatewayIds: [NatGateway!.NatGatewayId!],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NatGatewayNotFound' });

    // Two AWS seconds, at time scale 0.001.
    now += 3;
    await expect(route()).resolves.toMatchObject({ Return: true });
    const { NatGateways } = await ec2.send(
      new DescribeNatGatewaysCommand({
        NatGatewayIds: [NatGateway!.NatGatewayId!],
      }),
    );
    expect(NatGateways).toHaveLength(1);
  });
});
