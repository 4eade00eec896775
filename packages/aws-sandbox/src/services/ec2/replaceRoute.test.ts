import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  ReplaceRouteCommand,
} from '@aws-sdk/client-ec2';
import { awsError, freshVpc, useEc2Sandbox } from './testSandbox';

describe('ReplaceRoute', () => {
  const t = useEc2Sandbox();

  async function tableWithGateway() {
    const { ec2, vpcId } = await freshVpc(t, '10.4.0.0/16');
    const { RouteTable } = await ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    const gateway = async () => {
      const { InternetGateway } = await ec2.send(
        new CreateInternetGatewayCommand({}),
      );
      return InternetGateway!.InternetGatewayId!;
    };
    return { ec2, vpcId, routeTableId: RouteTable!.RouteTableId!, gateway };
  }

  it('points an existing route at a new target, which must be attached to the VPC', async () => {
    const { ec2, vpcId, routeTableId, gateway } = await tableWithGateway();
    const first = await gateway();
    await ec2.send(
      new AttachInternetGatewayCommand({
        InternetGatewayId: first,
        VpcId: vpcId,
      }),
    );
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: routeTableId,
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: first,
      }),
    );
    const second = await gateway();
    const replace = new ReplaceRouteCommand({
      RouteTableId: routeTableId,
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: second,
    });
    await expect(ec2.send(replace)).rejects.toMatchObject(
      awsError('InvalidParameterValue', /belong to different networks/),
    );

    await ec2.send(
      new DetachInternetGatewayCommand({
        InternetGatewayId: first,
        VpcId: vpcId,
      }),
    );
    await ec2.send(
      new AttachInternetGatewayCommand({
        InternetGatewayId: second,
        VpcId: vpcId,
      }),
    );
    await ec2.send(replace);
    const { RouteTables = [] } = await ec2.send(
      new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }),
    );
    expect(
      RouteTables[0].Routes?.find(r => r.DestinationCidrBlock === '0.0.0.0/0'),
    ).toMatchObject({ GatewayId: second, State: 'active' });
  });

  it('refuses a destination the table has no route for', async () => {
    const { ec2, vpcId, routeTableId, gateway } = await tableWithGateway();
    const id = await gateway();
    await ec2.send(
      new AttachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpcId }),
    );
    await expect(
      ec2.send(
        new ReplaceRouteCommand({
          RouteTableId: routeTableId,
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: id,
        }),
      ),
    ).rejects.toMatchObject(
      awsError('InvalidRoute.NotFound', /no route defined/),
    );
    const { RouteTables = [] } = await ec2.send(
      new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }),
    );
    expect(RouteTables[0].Routes).toHaveLength(1);
  });
});
