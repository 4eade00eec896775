import {
  AttachInternetGatewayCommand,
  DescribeNatGatewaysCommand,
  EC2Client,
  CreateNatGatewayCommand,
  DetachInternetGatewayCommand,
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
  countNetwork,
  networkAction,
  DEV_COUNTS,
  DEV_INPUT,
  PRODUCTION_COUNTS,
  PRODUCTION_INPUT,
  readNetwork,
} from './__testUtils__/networkTestUtils';

/** A dev network that is kept when its run fails, so that a later run resumes it. */
const KEPT_DEV_INPUT = { ...DEV_INPUT, rollbackOnFailure: false };

/** Polls DescribeNatGateways until EC2 knows the gateway. */
async function waitUntilNatGatewayVisible(ec2: EC2Client, id: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id] }));
      return;
    } catch (error) {
      if ((error as { name?: string }).name !== 'NatGatewayNotFound')
        throw error;
      await new Promise(resolve => setTimeout(resolve, 1));
    }
  }
  throw new Error(`${id} never became visible`);
}

jest.setTimeout(120_000);

/** Checkpoints one complete production run goes through (measured in the first test). */
const PRODUCTION_STEPS = 33;

/** Successful mutating calls of one production run from nothing. */
const PRODUCTION_MUTATIONS = 34;

describe('eks-platform:network:create resumes an interrupted task', () => {
  const fixture = useSandboxActionFixture();
  const action = () => networkAction(fixture.aws);
  const succeededMutations = async () =>
    (await fixture.calls()).filter(
      c => isMutating(c.operation) && c.status === 200,
    );

  beforeEach(() => fixture.reset());

  it(`goes through ${PRODUCTION_STEPS} checkpoints for the production network`, async () => {
    const checkpoints = new CheckpointStore();
    await action().handler(
      actionContext({ input: PRODUCTION_INPUT, checkpoints }),
    );
    expect(checkpoints.ran).toBe(PRODUCTION_STEPS);
    expect(await succeededMutations()).toHaveLength(PRODUCTION_MUTATIONS);
  });

  it.each(Array.from({ length: PRODUCTION_STEPS }, (_, step) => [step]))(
    'converges to one of each resource after an abort before step %i',
    async step => {
      const checkpoints = new CheckpointStore();
      checkpoints.abortBefore = step;
      await expect(
        action().handler(
          actionContext({ input: PRODUCTION_INPUT, checkpoints }),
        ),
      ).rejects.toThrow(/simulated abort.*rollbackOnFailure is off/s);

      checkpoints.abortBefore = undefined;
      const resumed = actionContext({ input: PRODUCTION_INPUT, checkpoints });
      await action().handler(resumed);
      expect(
        await countNetwork(fixture.ec2('333333333333'), 'dpj-prod'),
      ).toEqual(PRODUCTION_COUNTS);
      // No change was made twice: the two runs together made one run's mutations.
      expect(await succeededMutations()).toHaveLength(PRODUCTION_MUTATIONS);
      expect(
        logLines(resumed.logger).filter(l =>
          l.endsWith('from an earlier run of this task'),
        ).length,
      ).toBeLessThanOrEqual(19);
    },
  );

  it.each([
    ['CreateVpc'],
    ['ModifyVpcAttribute'],
    ['RevokeSecurityGroupIngress'],
    ['CreateFlowLogs'],
    ['CreateSubnet'],
    ['CreateInternetGateway'],
    ['AttachInternetGateway'],
    ['CreateRouteTable'],
    ['CreateRoute'],
    ['AssociateRouteTable'],
    ['AllocateAddress'],
    ['CreateNatGateway'],
  ])(
    'converges after %s fails once and the task is retried',
    async operation => {
      await fixture.faults({
        scripted: [
          {
            service: 'ec2',
            operation,
            code: 'UnauthorizedOperation',
            message: 'You are not authorized to perform this operation.',
            status: 403,
          },
        ],
      });
      const checkpoints = new CheckpointStore();
      await expect(
        action().handler(
          actionContext({ input: PRODUCTION_INPUT, checkpoints }),
        ),
      ).rejects.toThrow(/UnauthorizedOperation/);
      const failed = await fixture.calls();
      expect(
        failed.filter(c => c.operation === operation && c.status === 403),
      ).toHaveLength(1);

      await action().handler(
        actionContext({ input: PRODUCTION_INPUT, checkpoints }),
      );
      expect(
        await countNetwork(fixture.ec2('333333333333'), 'dpj-prod'),
      ).toEqual(PRODUCTION_COUNTS);
      expect(await succeededMutations()).toHaveLength(PRODUCTION_MUTATIONS);
    },
  );

  it('finds again what a run created before its checkpoint was saved', async () => {
    // Checkpoints lost midway (or the step interrupted between the AWS call and the save).
    const first = new CheckpointStore();
    first.abortAtKey = 'network.nat-eip-eu-west-3b';
    await expect(
      action().handler(
        actionContext({ input: PRODUCTION_INPUT, checkpoints: first }),
      ),
    ).rejects.toThrow(/simulated abort/);
    const existing = Object.values(
      await countNetwork(fixture.ec2('333333333333'), 'dpj-prod'),
    ).reduce((sum, count) => sum + count, 0);
    expect(existing).toBeGreaterThan(0);
    const resumed = actionContext({ input: PRODUCTION_INPUT });
    await action().handler(resumed);
    expect(await countNetwork(fixture.ec2('333333333333'), 'dpj-prod')).toEqual(
      PRODUCTION_COUNTS,
    );
    // Every resource the first run made is found again, none created twice.
    expect(
      logLines(resumed.logger).filter(l => l.endsWith('found by its tags')),
    ).toHaveLength(existing);
  });

  it('re-attaches an internet gateway detached since its checkpoint', async () => {
    // Before its one NAT gateway exists: AWS refuses to detach the gateway of a VPC with
    // a NAT gateway's public address mapped.
    const checkpoints = new CheckpointStore();
    checkpoints.abortAtKey = 'network.nat-gateway-eu-west-3a';
    await expect(
      action().handler(actionContext({ input: KEPT_DEV_INPUT, checkpoints })),
    ).rejects.toThrow(/simulated abort/);
    const ec2 = fixture.ec2('111111111111');
    const before = await readNetwork(ec2, 'dpj-dev');
    await ec2.send(
      new DetachInternetGatewayCommand({
        InternetGatewayId: before.internetGateways[0].InternetGatewayId,
        VpcId: before.vpcs[0].VpcId,
      }),
    );

    checkpoints.abortAtKey = undefined;
    const resumed = actionContext({ input: KEPT_DEV_INPUT, checkpoints });
    await action().handler(resumed);
    const after = await readNetwork(ec2, 'dpj-dev');
    expect(after.internetGateways[0].Attachments).toEqual([
      expect.objectContaining({ VpcId: before.vpcs[0].VpcId }),
    ]);
    expect(logLines(resumed.logger, 'warn')).toEqual([
      expect.stringMatching(
        /^Checkpoint network\.internet-gateway\.attachment of an earlier run names .*, which no longer exists/,
      ),
    ]);
    expect(after.natGateways.every(n => n.State === 'available')).toBe(true);
  });
});

describe('eks-platform:network:create with a NAT gateway that fails', () => {
  // Slower lifecycles (a NAT gateway takes 2.4 s) so that the gateway is still pending
  // when the resumed run reaches it, and fails while the run waits.
  const fixture = useSandboxActionFixture({ timeScale: 0.02 });
  const action = () => networkAction(fixture.aws);

  beforeEach(() => fixture.reset());

  it('says why a NAT gateway failed, and replaces it on the next run', async () => {
    const checkpoints = new CheckpointStore();
    checkpoints.abortAtKey = 'network.nat-gateway-eu-west-3a';
    await expect(
      action().handler(actionContext({ input: KEPT_DEV_INPUT, checkpoints })),
    ).rejects.toThrow(/simulated abort/);

    // Someone creates the zone's gateway, tagged as the action would, while the VPC has
    // no internet gateway: AWS fails it.
    const ec2 = fixture.ec2('111111111111');
    const network = await readNetwork(ec2, 'dpj-dev');
    const tag = (key: string) =>
      network.subnets[0].Tags!.find(t => t.Key === key)!.Value!;
    const publicSubnet = network.subnets.find(s =>
      s.Tags?.some(t => t.Value === 'public-subnet-eu-west-3a'),
    )!;
    const address = network.addresses.find(a =>
      a.Tags?.some(t => t.Value === 'nat-eip-eu-west-3a'),
    )!;
    const gateway = {
      InternetGatewayId: network.internetGateways[0].InternetGatewayId,
      VpcId: network.vpcs[0].VpcId,
    };
    await ec2.send(new DetachInternetGatewayCommand(gateway));
    const { NatGateway } = await ec2.send(
      new CreateNatGatewayCommand({
        SubnetId: publicSubnet.SubnetId,
        AllocationId: address.AllocationId,
        TagSpecifications: [
          {
            ResourceType: 'natgateway',
            Tags: [
              {
                Key: 'eks-platform:environment-name',
                Value: tag('eks-platform:environment-name'),
              },
              {
                Key: 'eks-platform:component',
                Value: 'nat-gateway-eu-west-3a',
              },
            ],
          },
        ],
      }),
    );
    await ec2.send(new AttachInternetGatewayCommand(gateway));
    // EC2 is eventually consistent: a resume within a moment of that create may not see
    // the gateway yet (and would create a second one). This test is about what the
    // action says once it does see it.
    await waitUntilNatGatewayVisible(ec2, NatGateway!.NatGatewayId!);

    checkpoints.abortAtKey = undefined;
    const error = await action()
      .handler(actionContext({ input: KEPT_DEV_INPUT, checkpoints }))
      .then(
        () => undefined,
        e => e,
      );
    expect(error.message).toContain(
      `NAT gateways not all available: ${
        NatGateway!.NatGatewayId
      } failed (Gateway.NotAttached: Network ${
        gateway.VpcId
      } has no Internet gateway attached)`,
    );

    const retry = actionContext({ input: KEPT_DEV_INPUT, checkpoints });
    await action().handler(retry);
    expect(await countNetwork(ec2, 'dpj-dev')).toEqual(DEV_COUNTS);
    expect(outputOf(retry, 'natGatewayIds')).not.toContain(
      NatGateway!.NatGatewayId,
    );
  });
});
