import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  DescribeNatGatewaysCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import {
  actionContext,
  CheckpointStore,
  isMutating,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  networkAction,
  PRODUCTION_INPUT,
} from '../network/__testUtils__/networkTestUtils';
import {
  clientsFor,
  createTestClusterOn,
  nodegroupAction,
  productionInput,
  readNodegroups,
  resetWithTestCluster,
  TestClients,
} from './__testUtils__/nodegroupTestUtils';

jest.setTimeout(60_000);

describe('eks-platform:nodegroup:create after a network that did not wait for its NAT gateways', () => {
  // A NAT gateway takes 1.2 s and a cluster 6 s: slow enough for the node group action to
  // find the gateways still pending.
  const fixture = useSandboxActionFixture({ timeScale: 0.01 });
  let clients: TestClients;

  beforeEach(async () => {
    await fixture.reset();
    clients = await clientsFor(fixture.aws);
  });
  afterEach(() => clients.destroy());

  it('returns from network:create while the NAT gateways are pending, and the node groups wait for them', async () => {
    const checkpoints = new CheckpointStore();
    const input = { ...PRODUCTION_INPUT, waitForNatGateways: false };

    // The network without its internet gateway attachment (so without NAT gateways or
    // routes), then the cluster on its private subnets: the gateways are created last, so
    // that they are still pending when the nodes come.
    checkpoints.abortAtKey = 'network.internet-gateway.attachment';
    await expect(
      networkAction(fixture.aws).handler(
        actionContext({ input, taskId: 'task-env', checkpoints }),
      ),
    ).rejects.toThrow(/simulated abort/);
    const { Subnets = [] } = await clients.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          {
            Name: 'tag:eks-platform:component',
            Values: ['a', 'b', 'c'].map(z => `private-subnet-eu-west-3${z}`),
          },
        ],
      }),
    );
    const privateSubnetIds = Subnets.map(s => s.SubnetId!).sort();
    expect(privateSubnetIds).toHaveLength(3);
    // As the task's cluster step would have, between its two network runs.
    await createTestClusterOn(clients, privateSubnetIds, {
      taskId: 'task-env',
    });

    checkpoints.abortAtKey = undefined;
    const network = actionContext({ input, taskId: 'task-env', checkpoints });
    await networkAction(fixture.aws).handler(network);
    const natGatewayIds: string[] = outputOf(network, 'natGatewayIds');
    const { NatGateways = [] } = await clients.ec2.send(
      new DescribeNatGatewaysCommand({ NatGatewayIds: natGatewayIds }),
    );
    expect(NatGateways.map(n => n.State)).toEqual(Array(3).fill('pending'));
    expect(logLines(network.logger)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Not waiting for the 3 NAT gateway\(s\) \(nat-.*\) to become available \(waitForNatGateways is false\)/,
        ),
      ]),
    );
    expect(
      (await fixture.calls()).filter(
        c => c.operation === 'CreateRoute' && c.status === 200,
      ),
    ).toHaveLength(4);

    await fixture.clearCalls();
    const nodegroups = actionContext({
      input: productionInput(outputOf(network, 'privateSubnetIds')),
      taskId: 'task-env',
    });
    await nodegroupAction(fixture.aws).handler(nodegroups);

    const lines = logLines(nodegroups.logger);
    const waited = lines.findIndex(l =>
      /^Done waiting for 3 NAT gateway\(s\) \(nat-.*\) the node subnets route through to become available after [0-9.]+s$/.test(
        l,
      ),
    );
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(
      lines.findIndex(l => l.startsWith('Waiting for node group')),
    ).toBeGreaterThan(waited);
    // No node group was created before the gateways were seen available.
    const calls = await fixture.calls();
    const lastNatPoll = calls
      .map((c, i) => (c.operation === 'DescribeNatGateways' ? i : -1))
      .reduce((a, b) => Math.max(a, b));
    const firstCreate = calls.findIndex(c => isMutating(c.operation));
    expect(firstCreate).toBeGreaterThan(lastNatPoll);
    const state = await readNodegroups(clients);
    expect(state.nodegroups.map(n => n.status)).toEqual(
      Array(3).fill('ACTIVE'),
    );

    // Once they are available, the check costs one DescribeRouteTables and one
    // DescribeNatGateways.
    await fixture.clearCalls();
    await nodegroupAction(fixture.aws).handler(
      actionContext({
        input: productionInput(outputOf(network, 'privateSubnetIds')),
        taskId: 'task-env',
      }),
    );
    const rerun = await fixture.calls();
    expect(rerun.filter(c => isMutating(c.operation))).toEqual([]);
    expect(
      rerun
        .filter(c =>
          ['DescribeRouteTables', 'DescribeNatGateways'].includes(c.operation),
        )
        .map(c => c.operation),
    ).toEqual(['DescribeRouteTables', 'DescribeNatGateways']);
  });
});

describe('eks-platform:nodegroup:create with a NAT gateway that failed', () => {
  const fixture = useSandboxActionFixture();
  let clients: TestClients;
  let subnetIds: string[];

  beforeEach(async () => {
    ({ clients, subnetIds } = await resetWithTestCluster(fixture));
  });
  afterEach(() => clients.destroy());

  it('names the gateway and AWS’s reason, and creates nothing', async () => {
    // A NAT gateway in a VPC without internet gateway: AWS fails it (Gateway.NotAttached).
    const { ec2 } = clients;
    const { Subnets = [] } = await ec2.send(
      new DescribeSubnetsCommand({ SubnetIds: [subnetIds[0]] }),
    );
    const vpcId = Subnets[0].VpcId!;
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.30.0.0/24',
        AvailabilityZone: 'eu-west-3a',
      }),
    );
    const { AllocationId } = await ec2.send(
      new AllocateAddressCommand({ Domain: 'vpc' }),
    );
    const { NatGateway } = await ec2.send(
      new CreateNatGatewayCommand({
        SubnetId: Subnet!.SubnetId,
        AllocationId,
      }),
    );
    const natGatewayId = NatGateway!.NatGatewayId!;
    const { RouteTable } = await ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    // EC2 may not know the gateway for a moment after creating it (eventual
    // consistency): retry as the Terraform provider does.
    for (let attempt = 1; ; attempt++) {
      try {
        await ec2.send(
          new CreateRouteCommand({
            RouteTableId: RouteTable!.RouteTableId,
            DestinationCidrBlock: '0.0.0.0/0',
            NatGatewayId: natGatewayId,
          }),
        );
        break;
      } catch (error) {
        const code = (error as { name?: string }).name;
        if (code !== 'InvalidNatGatewayID.NotFound' || attempt >= 20) {
          throw error;
        }
        await new Promise(resolve => setTimeout(resolve, 5));
      }
    }
    await ec2.send(
      new AssociateRouteTableCommand({
        RouteTableId: RouteTable!.RouteTableId,
        SubnetId: subnetIds[0],
      }),
    );
    await fixture.clearCalls();

    const error = await nodegroupAction(fixture.aws)
      .handler(
        actionContext({ input: productionInput(subnetIds), taskId: 'task-n' }),
      )
      .then(
        () => undefined,
        e => e as Error,
      );
    expect(error?.name).toBe('NodegroupCreateError');
    expect(error?.message).toContain(
      `NAT gateway ${natGatewayId} (egress of ${subnetIds[0]}) failed: Gateway.NotAttached: Network ${vpcId} has no Internet gateway attached. Nodes would have no egress: retry the task`,
    );
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);
    expect((await readNodegroups(clients)).nodegroups).toEqual([]);
  });
});
