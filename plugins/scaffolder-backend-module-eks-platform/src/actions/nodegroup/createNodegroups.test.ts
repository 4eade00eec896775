import { presetFor } from '@internal/plugin-eks-platform-common';
import { EKSClient } from '@aws-sdk/client-eks';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import yaml from 'yaml';
import {
  actionContext,
  CheckpointStore,
  isMutating,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  nodegroupAction,
  productionInput,
  readNodegroups,
  resetWithTestCluster,
  TestClients,
} from './__testUtils__/nodegroupTestUtils';
import { createNodegroupsExamples } from './createNodegroups.examples';
import { deleteNodegroups } from './deleteNodegroups';

jest.setTimeout(60_000);

/** EKS clients that see node group `name` fail to create, as EKS reports a failed group. */
function failingGroup(
  aws: Pick<AwsClientFactory, 'create'>,
  name: string,
): Pick<AwsClientFactory, 'create'> {
  return {
    create: (async (ClientClass: any, target: any) => {
      const client = await aws.create(ClientClass, target);
      if (client instanceof EKSClient) {
        client.middlewareStack.add(
          next => async args => {
            const result: any = await next(args);
            const nodegroup = result.output?.nodegroup;
            if (
              nodegroup?.nodegroupName === name &&
              ['CREATING', 'ACTIVE'].includes(nodegroup.status)
            ) {
              nodegroup.status = 'CREATE_FAILED';
              nodegroup.health = {
                issues: [
                  {
                    code: 'AsgInstanceLaunchFailures',
                    message:
                      'Could not launch Spot Instances. UnfulfillableCapacity - Unable to fulfill capacity due to your request configuration.',
                    resourceIds: ['eks-app-spot-asg'],
                  },
                ],
              };
            }
            return result;
          },
          { step: 'initialize', name: 'failGroup' },
        );
      }
      return client;
    }) as AwsClientFactory['create'],
  };
}

const GROUPS = ['system', 'app-on-demand', 'app-spot'];

describe('eks-platform:nodegroup:create', () => {
  const fixture = useSandboxActionFixture();
  const action = () => nodegroupAction(fixture.aws);
  let clients: TestClients;
  let subnetIds: string[];

  beforeEach(async () => {
    ({ clients, subnetIds } = await resetWithTestCluster(fixture));
  });
  afterEach(() => clients.destroy());

  const mutatingCalls = async () =>
    (await fixture.calls()).filter(c => isMutating(c.operation));

  it('creates exactly the production node groups, in parallel, each setting as asked', async () => {
    const ctx = actionContext({
      input: productionInput(subnetIds),
      taskId: 'task-prod',
    });
    await action().handler(ctx);
    const calls = await fixture.calls();

    const state = await readNodegroups(clients);
    expect(state.nodegroups.map(n => n.nodegroupName).sort()).toEqual(
      [...GROUPS].sort(),
    );
    const group = (name: string) =>
      state.nodegroups.find(n => n.nodegroupName === name)!;
    const templateOf = (name: string) =>
      state.launchTemplateVersions.find(
        v => v.LaunchTemplateId === group(name).launchTemplate?.id,
      )!;

    for (const name of GROUPS) {
      const nodegroup = group(name);
      expect(nodegroup.status).toBe('ACTIVE');
      expect(nodegroup.subnets).toEqual(subnetIds);
      expect(nodegroup.nodeRole).toBe(productionInput(subnetIds).nodeRoleArn);
      expect(nodegroup.updateConfig).toEqual({ maxUnavailable: 1 });
      expect(nodegroup.launchTemplate?.version).toBe('1');
      expect(nodegroup.diskSize).toBeUndefined();
      expect(nodegroup.tags).toMatchObject({
        environment: 'production',
        'cost-center': 'dpj-platform',
        owner: 'group:default/platform-team',
        'eks-platform:environment-name': 'dpj-prod',
        'eks-platform:task-id': 'task-prod',
        'eks-platform:component': `nodegroup-${name}`,
      });
      const data = templateOf(name).LaunchTemplateData!;
      expect(templateOf(name).LaunchTemplateName).toBe(
        `dpj-prod-cluster-${name}`,
      );
      expect(data.MetadataOptions).toMatchObject({
        HttpTokens: 'required',
        HttpPutResponseHopLimit: 1,
        HttpEndpoint: 'enabled',
      });
      expect(data.BlockDeviceMappings).toEqual([
        {
          DeviceName: '/dev/xvda',
          Ebs: expect.objectContaining({
            VolumeSize: 50,
            VolumeType: 'gp3',
            Encrypted: true,
          }),
        },
      ]);
    }

    // One capacity type per group: the ADR's mix is two groups.
    expect(group('system').capacityType).toBe('ON_DEMAND');
    expect(group('app-on-demand').capacityType).toBe('ON_DEMAND');
    expect(group('app-spot').capacityType).toBe('SPOT');
    expect(group('system').instanceTypes).toEqual(['t3.large', 't3a.large']);
    expect(group('app-on-demand').instanceTypes).toEqual([
      'c5.xlarge',
      'c5a.xlarge',
      'c6i.xlarge',
    ]);
    expect(group('app-spot').instanceTypes).toEqual([
      'c5.xlarge',
      'c5a.xlarge',
      'c6i.xlarge',
      'c5d.xlarge',
    ]);
    // Labels and taints: system nodes only take critical add-ons, Spot only what tolerates it.
    expect(group('system').labels).toEqual({ role: 'system' });
    expect(group('system').taints).toEqual([
      { key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' },
    ]);
    expect(group('app-on-demand').labels).toEqual({
      role: 'application',
      capacity: 'on-demand',
    });
    expect(group('app-on-demand').taints).toEqual([]);
    expect(group('app-spot').labels).toEqual({
      role: 'application',
      capacity: 'spot',
    });
    expect(group('app-spot').taints).toEqual([
      { key: 'capacity', value: 'spot', effect: 'NO_SCHEDULE' },
    ]);
    expect(group('system').scalingConfig).toEqual({
      minSize: 3,
      desiredSize: 3,
      maxSize: 6,
    });
    expect(group('app-on-demand').scalingConfig).toEqual({
      minSize: 3,
      desiredSize: 3,
      maxSize: 10,
    });
    expect(group('app-spot').scalingConfig).toEqual({
      minSize: 0,
      desiredSize: 3,
      maxSize: 10,
    });

    // Parallel: no group waits for another. Before the last CreateNodegroup there are at
    // most the three find-by-name lookups and one first waiter poll per group (a group
    // whose launch template came first starts waiting at once); created one after another,
    // each group would be polled until ACTIVE before the next.
    const creates = calls
      .map((c, i) => (c.operation === 'CreateNodegroup' ? i : -1))
      .filter(i => i >= 0);
    expect(creates).toHaveLength(3);
    const lastCreate = Math.max(...creates);
    expect(
      calls
        .slice(0, lastCreate)
        .filter(c => c.operation === 'DescribeNodegroup').length,
    ).toBeLessThanOrEqual(6);
    expect(
      calls.slice(lastCreate).filter(c => c.operation === 'DescribeNodegroup')
        .length,
    ).toBeGreaterThanOrEqual(3);

    // After-nodes add-ons at the default version for Kubernetes 1.35.
    expect(
      state.addons.map(a => [a.addonName, a.addonVersion, a.status]),
    ).toEqual([
      ['coredns', 'v1.12.4-eksbuild.1', 'ACTIVE'],
      ['aws-ebs-csi-driver', expect.any(String), 'ACTIVE'],
      ['aws-efs-csi-driver', expect.any(String), 'ACTIVE'],
      ['metrics-server', expect.any(String), 'ACTIVE'],
    ]);
    expect(outputOf(ctx, 'addons')).toEqual(
      state.addons.map(a => ({ name: a.addonName, version: a.addonVersion })),
    );
    expect(outputOf(ctx, 'nodeGroups')).toEqual(
      GROUPS.map(name => ({
        name,
        arn: group(name).nodegroupArn,
        capacityType: group(name).capacityType,
        instanceTypes: group(name).instanceTypes,
        launchTemplateId: group(name).launchTemplate!.id,
      })),
    );
    expect(outputOf(ctx, 'resources')).toHaveLength(10);
    expect(outputOf(ctx, 'summary')).toContain('| AWS::EKS::Nodegroup |');
    // Progress lines per group with elapsed time.
    expect(logLines(ctx.logger)).toEqual(
      expect.arrayContaining(
        GROUPS.map(name =>
          expect.stringMatching(
            new RegExp(
              `^Done waiting for node group ${name} .* after [0-9.]+s$`,
            ),
          ),
        ),
      ),
    );

    // Mutating vs read calls, for the report.
    const mutating = calls.filter(c => isMutating(c.operation));
    expect(mutating.map(c => c.operation).sort()).toEqual(
      [
        ...Array(3).fill('CreateLaunchTemplate'),
        ...Array(3).fill('CreateNodegroup'),
        ...Array(4).fill('CreateAddon'),
      ].sort(),
    );
    // eslint-disable-next-line no-console
    console.log(
      `production preset: ${mutating.length} mutating, ${
        calls.length - mutating.length
      } read calls`,
    );
  });

  it('creates nothing on a rerun, by the same task or by another that adopts it', async () => {
    const checkpoints = new CheckpointStore();
    const input = productionInput(subnetIds);
    await action().handler(
      actionContext({ input, taskId: 'task-1', checkpoints }),
    );
    await fixture.clearCalls();
    await action().handler(
      actionContext({ input, taskId: 'task-1', checkpoints }),
    );
    expect(await mutatingCalls()).toEqual([]);
    await expect(
      action().handler(
        actionContext({ input: { ...input, adopt: false }, taskId: 'task-2' }),
      ),
    ).rejects.toThrow(/A different task may not take it over/);
    const other = actionContext({
      input: { ...input, adopt: true },
      taskId: 'task-2',
    });
    await action().handler(other);
    expect(await mutatingCalls()).toEqual([]);
    expect(
      outputOf(other, 'resources').map((r: { outcome: string }) => r.outcome),
    ).toEqual(Array(10).fill('reused'));
    expect((await readNodegroups(clients)).nodegroups).toHaveLength(3);
  });

  it('makes no mutating call in a dry run and outputs the plan', async () => {
    const ctx = actionContext({
      input: productionInput(subnetIds),
      isDryRun: true,
    });
    await action().handler(ctx);
    expect(await mutatingCalls()).toEqual([]);
    expect(
      outputOf(ctx, 'resources').map(
        (r: { type: string; name: string; outcome: string }) =>
          `${r.type} ${r.name} ${r.outcome}`,
      ),
    ).toEqual([
      'AWS::EC2::LaunchTemplate dpj-prod-cluster-system planned',
      'AWS::EC2::LaunchTemplate dpj-prod-cluster-app-on-demand planned',
      'AWS::EC2::LaunchTemplate dpj-prod-cluster-app-spot planned',
      'AWS::EKS::Nodegroup system planned',
      'AWS::EKS::Nodegroup app-on-demand planned',
      'AWS::EKS::Nodegroup app-spot planned',
      'AWS::EKS::Addon coredns planned',
      'AWS::EKS::Addon aws-ebs-csi-driver planned',
      'AWS::EKS::Addon aws-efs-csi-driver planned',
      'AWS::EKS::Addon metrics-server planned',
    ]);
    expect(outputOf(ctx, 'addons')).toEqual([
      { name: 'coredns', version: 'v1.12.4-eksbuild.1' },
      { name: 'aws-ebs-csi-driver', version: expect.any(String) },
      { name: 'aws-efs-csi-driver', version: expect.any(String) },
      { name: 'metrics-server', version: expect.any(String) },
    ]);
    expect(outputOf(ctx, 'summary')).toContain('to create: SPOT');
  });

  it('converges under 10% throttling and 2% server errors', async () => {
    await fixture.faults({
      settings: { throttleRate: 0.1, serverErrorRate: 0.02 },
      seed: 7,
    });
    await action().handler(
      actionContext({ input: productionInput(subnetIds), taskId: 'task-f' }),
    );
    await fixture.faults({ settings: { throttleRate: 0, serverErrorRate: 0 } });
    const state = await readNodegroups(clients);
    expect(state.nodegroups.map(n => n.status)).toEqual(
      Array(3).fill('ACTIVE'),
    );
    expect(state.launchTemplates).toHaveLength(3);
    expect(state.addons.map(a => a.status)).toEqual(Array(4).fill('ACTIVE'));
  });

  it('names the group AWS had no capacity for, and rolls back everything this task created', async () => {
    await fixture.faults({
      scripted: [
        {
          service: 'eks',
          operation: 'CreateNodegroup',
          code: 'InsufficientInstanceCapacity',
          message:
            'We currently do not have sufficient c5.xlarge capacity in the Availability Zone you requested (eu-west-3b).',
        },
      ],
    });
    const ctx = actionContext({
      input: { ...productionInput(subnetIds), rollbackOnFailure: true },
      taskId: 'task-ice',
    });
    const error = await action()
      .handler(ctx)
      .then(
        () => undefined,
        e => e as Error,
      );
    expect(error?.name).toBe('NodegroupCreateError');
    expect(error?.message).toMatch(
      /node group (system|app-on-demand|app-spot) failed: InsufficientInstanceCapacity: We currently do not have sufficient c5\.xlarge capacity/,
    );
    expect(error?.message).toContain('Rolled back');
    const state = await readNodegroups(clients);
    expect(state.nodegroups).toEqual([]);
    expect(state.launchTemplates).toEqual([]);
    expect(state.addons).toEqual([]);
    expect(
      (await fixture.calls()).filter(c => c.operation === 'DeleteNodegroup'),
    ).toHaveLength(2);
  });

  it('reports a group that ends CREATE_FAILED with its health issues, and rolls back', async () => {
    const ctx = actionContext({
      input: { ...productionInput(subnetIds), rollbackOnFailure: true },
      taskId: 'task-failed',
    });
    const error = await nodegroupAction(failingGroup(fixture.aws, 'app-spot'))
      .handler(ctx)
      .then(
        () => undefined,
        e => e as Error,
      );
    expect(error?.message).toContain(
      'node group app-spot failed: status CREATE_FAILED (AsgInstanceLaunchFailures: Could not launch Spot Instances.',
    );
    expect(error?.message).not.toMatch(
      /node group (system|app-on-demand) failed/,
    );
    expect(error?.message).toContain('Rolled back');
    const state = await readNodegroups(clients);
    expect(state.nodegroups).toEqual([]);
    expect(state.launchTemplates).toEqual([]);
  });

  it('keeps what exists without rollbackOnFailure, naming it, and a retry finishes', async () => {
    await fixture.faults({
      scripted: [
        {
          service: 'eks',
          operation: 'CreateNodegroup',
          code: 'InsufficientInstanceCapacity',
          message: 'We currently do not have sufficient capacity.',
        },
      ],
    });
    const checkpoints = new CheckpointStore();
    const input = productionInput(subnetIds);
    await expect(
      action().handler(
        actionContext({ input, taskId: 'task-keep', checkpoints }),
      ),
    ).rejects.toThrow(/rollbackOnFailure is off.*launch template/);
    await action().handler(
      actionContext({ input, taskId: 'task-keep', checkpoints }),
    );
    const state = await readNodegroups(clients);
    expect(state.nodegroups).toHaveLength(3);
    expect(state.launchTemplates).toHaveLength(3);
  });

  it('deletes everything of the environment, and again with nothing left', async () => {
    await action().handler(
      actionContext({ input: productionInput(subnetIds), taskId: 'task-d' }),
    );
    const logger = actionContext({ input: {} }).logger;
    const deleted = await deleteNodegroups(clients, presetFor('production'), {
      logger,
      waitSettings: {
        maxWaitTimeSeconds: 20,
        minDelaySeconds: 0.02,
        maxDelaySeconds: 0.05,
        progressIntervalSeconds: 0.01,
      },
    });
    expect(deleted).toHaveLength(10);
    const state = await readNodegroups(clients);
    expect(state).toMatchObject({
      nodegroups: [],
      launchTemplates: [],
      addons: [],
    });
    await expect(
      deleteNodegroups(clients, presetFor('production'), { logger }),
    ).resolves.toEqual([]);
  });

  it.each(createNodegroupsExamples.map(e => [e.description, e]))(
    'example "%s" is valid input',
    async (_description, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe('eks-platform:nodegroup:create');
      const input = {
        ...step.input,
        // Run against the test cluster, dpj-prod-cluster, made outside the product.
        name: 'dpj-prod',
        adopt: true,
        account: '333333333333',
        clusterName: 'dpj-prod-cluster',
        nodeRoleArn: productionInput(subnetIds).nodeRoleArn,
        privateSubnetIds: subnetIds,
      };
      const ctx = actionContext({ input, isDryRun: true });
      await action().handler(ctx);
      expect(outputOf(ctx, 'nodeGroups')).toHaveLength(3);
      expect(await mutatingCalls()).toEqual([]);
    },
  );
});
