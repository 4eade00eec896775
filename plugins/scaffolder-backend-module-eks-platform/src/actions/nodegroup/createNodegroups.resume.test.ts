import {
  DeleteNodegroupCommand,
  waitUntilNodegroupDeleted,
} from '@aws-sdk/client-eks';
import {
  actionContext,
  CheckpointStore,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  nodegroupAction,
  productionInput,
  readNodegroups,
  resetWithTestCluster,
  TestClients,
} from './__testUtils__/nodegroupTestUtils';

jest.setTimeout(60_000);

/** 3 launch templates, 3 node groups, 3 add-ons. */
const CHECKPOINTS = 10;

describe('eks-platform:nodegroup:create resumes after an abort', () => {
  const fixture = useSandboxActionFixture();
  let clients: TestClients;
  let subnetIds: string[];

  beforeEach(async () => {
    ({ clients, subnetIds } = await resetWithTestCluster(fixture));
  });
  afterEach(() => clients.destroy());

  it.each(Array.from({ length: CHECKPOINTS }, (_, i) => [i]))(
    'before checkpoint %i, and converges without duplicates',
    async abortBefore => {
      const checkpoints = new CheckpointStore();
      checkpoints.abortBefore = abortBefore;
      const input = productionInput(subnetIds);
      await expect(
        nodegroupAction(fixture.aws).handler(
          actionContext({ input, taskId: 'task-r', checkpoints }),
        ),
      ).rejects.toThrow(/simulated abort/);
      checkpoints.abortBefore = undefined;
      await nodegroupAction(fixture.aws).handler(
        actionContext({ input, taskId: 'task-r', checkpoints }),
      );
      const state = await readNodegroups(clients);
      expect(state.nodegroups.map(n => n.status)).toEqual(
        Array(3).fill('ACTIVE'),
      );
      expect(state.launchTemplates).toHaveLength(3);
      expect(state.addons.map(a => a.status)).toEqual(Array(4).fill('ACTIVE'));
      // Each resource created once over both runs.
      const creates = (await fixture.calls()).filter(c =>
        ['CreateLaunchTemplate', 'CreateNodegroup', 'CreateAddon'].includes(
          c.operation,
        ),
      );
      expect(creates.filter(c => c.status === 200)).toHaveLength(10);
    },
  );

  it('recreates a node group deleted between two runs of the task', async () => {
    const checkpoints = new CheckpointStore();
    const input = productionInput(subnetIds);
    await nodegroupAction(fixture.aws).handler(
      actionContext({ input, taskId: 'task-s', checkpoints }),
    );
    await clients.eks.send(
      new DeleteNodegroupCommand({
        clusterName: input.clusterName,
        nodegroupName: 'app-spot',
      }),
    );
    await waitUntilNodegroupDeleted(
      { client: clients.eks, minDelay: 0.05, maxDelay: 0.1, maxWaitTime: 20 },
      { clusterName: input.clusterName, nodegroupName: 'app-spot' },
    );
    const ctx = actionContext({ input, taskId: 'task-s', checkpoints });
    await nodegroupAction(fixture.aws).handler(ctx);
    const state = await readNodegroups(clients);
    expect(state.nodegroups.map(n => n.nodegroupName).sort()).toEqual([
      'app-on-demand',
      'app-spot',
      'system',
    ]);
  });
});
