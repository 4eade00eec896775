import {
  actionContext,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { clusterAction } from '../cluster/__testUtils__/clusterTestUtils';
import {
  adminOf,
  DEV,
  NOTHING,
  readEnvironment,
} from '../destroy/__testUtils__/destroyTestUtils';
import { networkAction } from '../network/__testUtils__/networkTestUtils';
import { nodegroupAction } from '../nodegroup/__testUtils__/nodegroupTestUtils';

const NO_CAPACITY = {
  service: 'eks',
  operation: 'CreateNodegroup',
  code: 'InsufficientInstanceCapacity',
  message:
    'We currently do not have sufficient c5.xlarge capacity in the Availability Zone you requested (eu-west-3b).',
};

jest.setTimeout(30_000);

/**
 * The environment template's steps with one task id each run: a failure in a later step
 * of a dev environment (rollbackOnFailure on) leaves nothing of what the task created.
 */
describe('rollback of a failed environment template run', () => {
  const fixture = useSandboxActionFixture();

  beforeEach(() => fixture.reset());

  async function createNetwork(taskId: string) {
    const ctx = actionContext({
      input: {
        ...DEV,
        flowLogDestinationArn: 'arn:aws:s3:::dpj-flow-logs',
        waitForNatGateways: false,
      },
      taskId,
    });
    await networkAction(fixture.aws).handler(ctx);
    return outputOf(ctx, 'privateSubnetIds') as string[];
  }

  async function createCluster(
    taskId: string,
    privateSubnetIds: string[],
    adopt = false,
  ) {
    const ctx = actionContext({
      input: {
        ...DEV,
        adopt,
        privateSubnetIds,
        adminPrincipalArn: adminOf(DEV.account),
        argocdRoleArn: `arn:aws:iam::${DEV.account}:role/argocd-manager`,
      },
      taskId,
    });
    await clusterAction(fixture.aws).handler(ctx);
    return {
      clusterName: outputOf(ctx, 'clusterName') as string,
      nodeRoleArn: outputOf(ctx, 'nodeRoleArn') as string,
    };
  }

  function failingNodegroups(
    taskId: string,
    privateSubnetIds: string[],
    cluster: { clusterName: string; nodeRoleArn: string },
    adopt = false,
  ) {
    const ctx = actionContext({
      input: { ...DEV, ...cluster, privateSubnetIds, adopt },
      taskId,
    });
    return nodegroupAction(fixture.aws)
      .handler(ctx)
      .then(
        () => undefined,
        e => e as Error,
      );
  }

  it('deletes the node groups, the cluster and the network after InsufficientInstanceCapacity', async () => {
    const subnets = await createNetwork('task-env');
    const cluster = await createCluster('task-env', subnets);
    await fixture.faults({ scripted: [NO_CAPACITY] });

    const error = await failingNodegroups('task-env', subnets, cluster);

    expect(error?.name).toBe('NodegroupCreateError');
    expect(error?.message).toMatch(/InsufficientInstanceCapacity|capacity/);
    expect(error?.message).toMatch(/Rolled back: deleted the \d+ resource/);
    expect(error?.message).toContain('dpj-dev-cluster');
    expect(await readEnvironment(fixture.aws, DEV.account, 'dpj-dev')).toEqual(
      NOTHING,
    );
  });

  it('deletes the network when the cluster step fails', async () => {
    const subnets = await createNetwork('task-env');
    await fixture.faults({
      scripted: [
        {
          service: 'eks',
          operation: 'CreateCluster',
          code: 'ResourceLimitExceededException',
          message: 'Cluster limit exceeded for account.',
        },
      ],
    });
    const error = await createCluster('task-env', subnets).then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.name).toBe('ClusterCreateError');
    expect(error?.message).toContain('Rolled back');
    expect(await readEnvironment(fixture.aws, DEV.account, 'dpj-dev')).toEqual(
      NOTHING,
    );
  });

  it("keeps what other tasks created, adopted on purpose: only the failed task's resources go", async () => {
    const subnets = await createNetwork('task-network');
    const cluster = await createCluster('task-cluster', subnets, true);
    await fixture.faults({ scripted: [NO_CAPACITY] });

    const error = await failingNodegroups('task-nodes', subnets, cluster, true);

    expect(error?.message).toContain('Rolled back');
    const left = await readEnvironment(fixture.aws, DEV.account, 'dpj-dev');
    expect(left).toMatchObject({
      vpcs: 1,
      subnets: 6,
      clusters: 1,
      roles: 8,
      logGroups: 2,
    });
    expect(left.launchTemplates).toBe(0);
  });
});
