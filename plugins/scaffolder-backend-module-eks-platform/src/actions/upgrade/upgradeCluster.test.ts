import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListAddonsCommand,
  ListUpdatesCommand,
} from '@aws-sdk/client-eks';
import { InputError } from '@backstage/errors';
import {
  actionContext,
  CheckpointStore,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import type { ErrorBudgetSource } from './errorBudget';
import { budgetAt, upgradeAction } from '../__testUtils__/upgradeAction';

// The seeded DPJ environments run Kubernetes 1.35; an upgrade waits 600 AWS s for the
// control plane and 120 AWS s per node, 0.6 s and 0.12 s here.
jest.setTimeout(60_000);

const OWNER = 'group:default/platform-team';
const DPJ = {
  dev: { environment: 'dev', name: 'dpj-dev', account: '111111111111' },
  staging: {
    environment: 'staging',
    name: 'dpj-staging',
    account: '222222222222',
  },
  production: {
    environment: 'production',
    name: 'dpj-prod',
    account: '333333333333',
  },
} as const;

const UPDATES = [
  'UpdateClusterVersion',
  'UpdateAddon',
  'UpdateNodegroupVersion',
  'UpdateNodegroupConfig',
];

describe('eks-platform:cluster:upgrade', () => {
  const fixture = useSandboxActionFixture({ seed: true });
  const action = (errorBudget = budgetAt(80)) =>
    upgradeAction(fixture, { errorBudget });
  const updates = async () =>
    (await fixture.calls())
      .map(c => c.operation)
      .filter(operation => UPDATES.includes(operation));

  /** EKS's updates of production's cluster, add-ons and node groups (ListUpdates). */
  async function updateCounts() {
    const eks = await fixture.aws.create(EKSClient, {
      accountId: '333333333333',
      region: 'eu-west-3',
    });
    const name = 'dpj-prod-cluster';
    const idsOf = async (filter: {
      nodegroupName?: string;
      addonName?: string;
    }) =>
      (await eks.send(new ListUpdatesCommand({ name, ...filter }))).updateIds
        ?.length ?? 0;
    try {
      const { addons: addonNames = [] } = await eks.send(
        new ListAddonsCommand({ clusterName: name }),
      );
      const addonUpdates = await Promise.all(
        addonNames.map(addonName => idsOf({ addonName })),
      );
      return {
        cluster: await idsOf({}),
        addons: addonUpdates.reduce((a, b) => a + b, 0),
        nodegroups: await Promise.all(
          ['system', 'app-on-demand', 'app-spot'].map(nodegroupName =>
            idsOf({ nodegroupName }),
          ),
        ),
      };
    } finally {
      eks.destroy();
    }
  }

  async function versionsOf(account: string, clusterName: string) {
    const eks = await fixture.aws.create(EKSClient, {
      accountId: account,
      region: 'eu-west-3',
    });
    try {
      const { cluster } = await eks.send(
        new DescribeClusterCommand({ name: clusterName }),
      );
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({ clusterName, nodegroupName: 'system' }),
      );
      const { addon } = await eks.send(
        new DescribeAddonCommand({ clusterName, addonName: 'coredns' }),
      );
      return {
        cluster: cluster?.version,
        system: nodegroup?.version,
        coredns: addon?.addonVersion,
      };
    } finally {
      eks.destroy();
    }
  }

  beforeEach(() => fixture.reset());

  it('upgrades production in order: control plane, add-ons networking first, then each node group', async () => {
    const ctx = actionContext({
      input: { ...DPJ.production, owner: OWNER, targetVersion: '1.36' },
      taskId: 'task-upgrade',
    });
    await fixture.clearCalls();
    await action().handler(ctx);
    const calls = await updates();
    expect(calls[0]).toBe('UpdateClusterVersion');
    const firstNodegroup = calls.indexOf('UpdateNodegroupVersion');
    expect(calls.lastIndexOf('UpdateAddon')).toBeLessThan(firstNodegroup);
    expect(calls.filter(c => c === 'UpdateNodegroupVersion')).toHaveLength(3);
    const steps: string[] = outputOf(ctx, 'steps');
    expect(steps[0]).toBe('control plane 1.35 → 1.36');
    // Only kube-proxy follows the Kubernetes version among the networking add-ons here
    // (the vpc-cni and coredns defaults already run on 1.36); networking comes first.
    const addonSteps = steps.filter(step => step.startsWith('add-on '));
    expect(addonSteps[0]).toMatch(
      /^add-on kube-proxy v1\.35\.\S+ → v1\.36\.3-eksbuild\.5$/,
    );
    expect(steps.indexOf(addonSteps[addonSteps.length - 1])).toBeLessThan(
      steps.findIndex(step => step.startsWith('node group ')),
    );
    expect(outputOf(ctx, 'version')).toBe('1.36');
    expect(await versionsOf('333333333333', 'dpj-prod-cluster')).toEqual({
      cluster: '1.36',
      system: '1.36',
      coredns: 'v1.12.4-eksbuild.1',
    });
    expect(logLines(ctx.logger)).toContainEqual(
      'Pre-check: Upgrade insight "Deprecated APIs removed in Kubernetes v1.36": PASSING',
    );
    expect(logLines(ctx.logger)).toContainEqual(
      'Pre-check: 80.0% of the 30-day error budget of the 99.9% SLO is left; the floor is 25% (eksPlatform.upgrade.productionErrorBudgetFloorPercent)',
    );

    // The same task again: nothing left to change.
    await fixture.clearCalls();
    await action().handler(
      actionContext({ input: ctx.input, taskId: 'task-upgrade' }),
    );
    expect(await updates()).toEqual([]);
  });

  it.each([
    [
      12.34,
      'Cannot upgrade dpj-prod-cluster from 1.35 to 1.36: 12.3% of the 30-day error budget of the 99.9% SLO is left; the floor is 25% (eksPlatform.upgrade.productionErrorBudgetFloorPercent). Wait until the budget recovers, or lower the floor',
    ],
    [
      null,
      'Cannot upgrade dpj-prod-cluster from 1.35 to 1.36: the SLO of resource:default/dpj-prod-cluster has no events in the last 30 days, so its error budget is unknown; the floor is 25% (eksPlatform.upgrade.productionErrorBudgetFloorPercent)',
    ],
  ])(
    'refuses production with %s%% of its error budget left, naming the figure, before any change',
    async (remaining, message) => {
      await fixture.clearCalls();
      const errorBudget = budgetAt(remaining);
      const ctx = actionContext({
        input: { ...DPJ.production, owner: OWNER, targetVersion: '1.36' },
      });
      const error = await action(errorBudget)
        .handler(ctx)
        .catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(message);
      // Read for the cluster's entity, on behalf of whoever started the task.
      expect(errorBudget.read).toHaveBeenCalledWith(
        { namespace: 'default', name: 'dpj-prod-cluster' },
        await ctx.getInitiatorCredentials(),
      );
      expect(await updates()).toEqual([]);
    },
  );

  it('refuses production when its SLO report cannot be read, and never asks for dev', async () => {
    const unreadable: ErrorBudgetSource = {
      read: jest.fn(async () => {
        throw new Error('Request failed with 404 Not Found');
      }),
    };
    const error = await action(unreadable)
      .handler(
        actionContext({
          input: { ...DPJ.production, owner: OWNER, targetVersion: '1.36' },
        }),
      )
      .catch(e => e);
    expect(error.message).toContain(
      'the SLO error budget of resource:default/dpj-prod-cluster could not be read (Request failed with 404 Not Found)',
    );
    expect(await updates()).toEqual([]);

    await action(unreadable).handler(
      actionContext({
        input: {
          ...DPJ.dev,
          owner: OWNER,
          targetVersion: '1.36',
          acknowledgeWarnings: true,
        },
      }),
    );
    expect(unreadable.read).toHaveBeenCalledTimes(1);
  });

  it("refuses staging's ERROR finding with its text, before any change", async () => {
    await fixture.clearCalls();
    const error = await action()
      .handler(
        actionContext({
          input: { ...DPJ.staging, owner: OWNER, targetVersion: '1.36' },
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'Cannot upgrade dpj-staging-cluster from 1.35 to 1.36: Upgrade insight "Deprecated APIs removed in Kubernetes v1.36" is ERROR',
    );
    expect(error.message).toContain(
      'Recommendation: Update manifests and API clients to use newer Kubernetes APIs',
    );
    expect(error.message).toContain(
      '/apis/dpj.example/v1beta1/ledgersnapshots (replace with /apis/dpj.example/v1/ledgersnapshots; called by dpj-ledger-exporter/2.3.1)',
    );
    expect(await updates()).toEqual([]);
  });

  it('upgrades staging in order once the client of the deprecated API is fixed', async () => {
    // EKS clears the finding once the API has had no caller for 30 days.
    const cleared = await fetch(`${fixture.sandbox.url}/_sandbox/insights`, {
      method: 'PUT',
      body: JSON.stringify({
        accountId: DPJ.staging.account,
        region: 'eu-west-3',
        clusterName: 'dpj-staging-cluster',
        insights: null,
      }),
    });
    expect(cleared.status).toBe(200);
    await fixture.clearCalls();
    const ctx = actionContext({
      input: { ...DPJ.staging, owner: OWNER, targetVersion: '1.36' },
    });
    await action().handler(ctx);
    const calls = await updates();
    expect(calls[0]).toBe('UpdateClusterVersion');
    expect(calls.lastIndexOf('UpdateAddon')).toBeLessThan(
      calls.indexOf('UpdateNodegroupVersion'),
    );
    expect(
      await versionsOf(DPJ.staging.account, 'dpj-staging-cluster'),
    ).toEqual({
      cluster: '1.36',
      system: '1.36',
      coredns: 'v1.12.4-eksbuild.1',
    });
  });

  it("needs dev's WARNING acknowledged, then goes ahead", async () => {
    const input = { ...DPJ.dev, owner: OWNER, targetVersion: '1.36' };
    const refused = await action()
      .handler(actionContext({ input }))
      .catch(e => e);
    expect(refused.message).toContain(
      '1 upgrade insight warning(s) to acknowledge (acknowledgeWarnings): Upgrade insight "Kubelet version skew" is WARNING',
    );
    expect(await updates()).toEqual([]);
    await action().handler(
      actionContext({ input: { ...input, acknowledgeWarnings: true } }),
    );
    expect((await versionsOf('111111111111', 'dpj-dev-cluster')).cluster).toBe(
      '1.36',
    );
  });

  it('refuses two minor versions at once with the reason, and a version in the past', async () => {
    const twoAhead = await action()
      .handler(
        actionContext({
          input: { ...DPJ.production, owner: OWNER, targetVersion: '1.37' },
        }),
      )
      .catch(e => e);
    expect(twoAhead.message).toBe(
      'Cannot upgrade dpj-prod-cluster from 1.35 to 1.37: dpj-prod-cluster runs 1.35: EKS upgrades one minor version at a time, so upgrade to 1.36 first, then run this template again for 1.37',
    );
    const back = await action()
      .handler(
        actionContext({
          input: { ...DPJ.production, owner: OWNER, targetVersion: '1.34' },
        }),
      )
      .catch(e => e);
    expect(back.message).toContain('EKS cannot go back to 1.34');
    expect(await updates()).toEqual([]);
  });

  it.each([
    ['the control plane', "the control plane's upgrade"],
    ['an add-on', 'add-on '],
    ['a node group', 'node group '],
  ])(
    'resumes after a crash while waiting for %s, with no second update of anything',
    async (_step, started) => {
      const input = { ...DPJ.production, owner: OWNER, targetVersion: '1.36' };
      // What a straight run changes, from the dry run's plan.
      const dryRun = actionContext({ input, isDryRun: true });
      await action().handler(dryRun);
      const plan = logLines(dryRun.logger).find(l =>
        l.startsWith('Upgrade plan of'),
      )!;
      const addons = plan.split('add-on ').length - 1;
      expect(addons).toBeGreaterThan(0);

      const checkpoints = new CheckpointStore();
      const first = actionContext({ input, taskId: 'task-crash', checkpoints });
      await fixture.clearCalls();
      // The replica dies right after the first update of that step started.
      const crash = jest
        .spyOn(first.logger, 'info')
        .mockImplementation((message: string) => {
          if (message.startsWith(`Started ${started}`)) {
            throw new Error('replica lost');
          }
        });
      await expect(action().handler(first)).rejects.toThrow('replica lost');
      crash.mockRestore();
      await action().handler(
        actionContext({ input, taskId: 'task-crash', checkpoints }),
      );
      // A start whose answer the crash lost is asked again with the same token: EKS
      // answers with the update it made, so each resource has one update.
      expect(await updateCounts()).toEqual({
        cluster: 1,
        addons,
        nodegroups: [1, 1, 1],
      });
      expect(await versionsOf('333333333333', 'dpj-prod-cluster')).toEqual({
        cluster: '1.36',
        system: '1.36',
        coredns: 'v1.12.4-eksbuild.1',
      });
    },
  );
});
