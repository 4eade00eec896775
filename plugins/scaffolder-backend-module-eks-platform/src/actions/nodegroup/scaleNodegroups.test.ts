import { DescribeNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  actionContext,
  CheckpointStore,
  FAST_WAITS,
  logLines,
  outputOf,
  TODAY,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { testGuard } from '../__testUtils__/testGuard';
import {
  createEnvironment,
  DEV,
} from '../destroy/__testUtils__/destroyTestUtils';
import { isClusterMutating } from '../cluster/__testUtils__/clusterTestUtils';
import { createScaleNodegroupsAction } from './scaleNodegroups';

// Each test creates a dev environment with the three create actions first.
jest.setTimeout(30_000);

const CLUSTER = 'dpj-dev-cluster';

describe('eks-platform:nodegroup:scale', () => {
  const fixture = useSandboxActionFixture();
  const action = (guard = testGuard(fixture.aws)) =>
    createScaleNodegroupsAction({
      aws: fixture.aws,
      guard,
      now: () => TODAY,
      waitSettings: FAST_WAITS,
    });
  const mutatingCalls = async () =>
    (await fixture.calls()).filter(
      c => isClusterMutating(c.operation) || c.operation.startsWith('Update'),
    );

  async function scalingOf(nodegroupName: string) {
    const eks = await fixture.aws.create(EKSClient, {
      accountId: DEV.account,
      region: 'eu-west-3',
    });
    try {
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({ clusterName: CLUSTER, nodegroupName }),
      );
      return nodegroup?.scalingConfig;
    } finally {
      eks.destroy();
    }
  }

  beforeAll(async () => {
    await fixture.reset();
    await createEnvironment(fixture.aws, DEV);
  });

  it('resizes a node group through one update, logging the capacity before and after', async () => {
    const before = await scalingOf('app-spot');
    await fixture.clearCalls();
    const ctx = actionContext({
      input: {
        ...DEV,
        nodeGroups: [
          { name: 'app-spot', minSize: 1, desiredSize: 3, maxSize: 10 },
        ],
      },
      taskId: 'task-resize',
    });
    await action().handler(ctx);
    expect(await scalingOf('app-spot')).toEqual({
      minSize: 1,
      desiredSize: 3,
      maxSize: 10,
    });
    expect((await mutatingCalls()).map(c => c.operation)).toEqual([
      'UpdateNodegroupConfig',
    ]);
    expect(outputOf(ctx, 'nodeGroups')).toEqual([
      {
        name: 'app-spot',
        before: `${before?.minSize}/${before?.desiredSize}/${before?.maxSize}`,
        after: '1/3/10',
      },
    ]);
    expect(outputOf(ctx, 'summary')).toBe(
      `app-spot ${before?.minSize}/${before?.desiredSize}/${before?.maxSize} → 1/3/10`,
    );
    const lines = logLines(ctx.logger);
    expect(lines.find(l => l.startsWith('Node groups before'))).toContain(
      `app-spot ${before?.minSize}/${before?.desiredSize}/${before?.maxSize}`,
    );
    expect(lines.find(l => l.startsWith('Node groups after'))).toContain(
      'app-spot 1/3/10',
    );
    expect(lines.find(l => l.startsWith('IP ceiling after'))).toMatch(
      /eu-west-3a \d+ of \d+ addresses/,
    );

    // The same task again: the update it already waited for, nothing new.
    await fixture.clearCalls();
    await action().handler(
      actionContext({ input: ctx.input, taskId: 'task-resize' }),
    );
    expect(await mutatingCalls()).toEqual([]);
  });

  it('resumes a crashed task by waiting for the update it had started', async () => {
    const checkpoints = new CheckpointStore();
    const input = {
      ...DEV,
      nodeGroups: [
        { name: 'app-on-demand', minSize: 1, desiredSize: 2, maxSize: 5 },
      ],
    };
    // The first run starts the update, then the replica dies before it ends.
    const first = actionContext({ input, taskId: 'task-crash', checkpoints });
    const crashing = action();
    const waitCrash = jest
      .spyOn(first.logger, 'info')
      .mockImplementation((message: string) => {
        if (message.startsWith('Waiting for the scaling update'))
          throw new Error('replica lost');
      });
    await expect(crashing.handler(first)).rejects.toThrow('replica lost');
    waitCrash.mockRestore();
    await fixture.clearCalls();
    const second = actionContext({ input, taskId: 'task-crash', checkpoints });
    await action().handler(second);
    expect(await mutatingCalls()).toEqual([]);
    expect(await scalingOf('app-on-demand')).toEqual({
      minSize: 1,
      desiredSize: 2,
      maxSize: 5,
    });
  });

  it('refuses a maximum past the IP ceiling of the private subnets, with the figure, before any change', async () => {
    await fixture.clearCalls();
    const ctx = actionContext({
      input: {
        ...DEV,
        nodeGroups: [
          { name: 'app-spot', minSize: 0, desiredSize: 2, maxSize: 450 },
        ],
      },
    });
    const error = await action()
      .handler(ctx)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^Cannot resize the node groups of dpj-dev-cluster: 3 problems found:\n- network\.privateSubnetCidrs\[0\]: private subnet \S+ in eu-west-3a has \d+ usable addresses; .* but node groups may place up to \d+ \(\d+ addresses\)/,
    );
    expect(await mutatingCalls()).toEqual([]);
  });

  it('refuses wrong sizes and unknown groups before any AWS call, naming the field', async () => {
    await fixture.clearCalls();
    const sizes = await action()
      .handler(
        actionContext({
          input: {
            ...DEV,
            nodeGroups: [
              { name: 'app-spot', minSize: 3, desiredSize: 2, maxSize: 500 },
            ],
          },
        }),
      )
      .catch(e => e);
    expect(sizes.message).toBe(
      [
        'Invalid resize: 2 problems found:',
        '- nodeGroups[0].desiredSize: desiredSize 2 is below minSize 3 [node-group-sizes]',
        '- nodeGroups[0].maxSize: maxSize 500 exceeds the 450 nodes a managed node group may hold (EKS quota "Nodes per managed node group"); split the group or raise the quota [node-group-max-nodes]',
      ].join('\n'),
    );
    expect(await fixture.calls()).toEqual([]);
    const unknown = await action()
      .handler(
        actionContext({
          input: {
            ...DEV,
            nodeGroups: [
              { name: 'gpu', minSize: 0, desiredSize: 0, maxSize: 2 },
            ],
          },
        }),
      )
      .catch(e => e);
    expect(unknown.message).toContain(
      '- nodeGroups[0].name: the cluster has no node group gpu (it has system, app-on-demand, app-spot)',
    );
    expect(await mutatingCalls()).toEqual([]);
  });

  it('refuses a user the policy does not let change the environment, before any change', async () => {
    await fixture.clearCalls();
    const guard = testGuard(fixture.aws, {
      decide: () => ({ result: AuthorizeResult.DENY }),
    });
    const error = await action(guard)
      .handler(
        actionContext({
          input: {
            ...DEV,
            nodeGroups: [
              { name: 'app-spot', minSize: 1, desiredSize: 1, maxSize: 4 },
            ],
          },
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toContain('eks-platform.environment.create');
    expect(await mutatingCalls()).toEqual([]);
  });

  it('changes nothing in a dry run', async () => {
    await fixture.clearCalls();
    const ctx = actionContext({
      input: {
        ...DEV,
        nodeGroups: [
          { name: 'app-on-demand', minSize: 2, desiredSize: 2, maxSize: 6 },
        ],
      },
      isDryRun: true,
    });
    await action().handler(ctx);
    expect(await mutatingCalls()).toEqual([]);
    expect(logLines(ctx.logger)).toContainEqual(
      expect.stringMatching(
        /^Dry run: would set node group app-on-demand from \S+ to 2\/2\/6$/,
      ),
    );
  });
});
