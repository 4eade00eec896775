import { eksPlatformEnvironmentDeletePermission } from '@internal/plugin-eks-platform-common';
import {
  createEksEnvironmentConditionalDecision,
  eksEnvironmentConditions,
} from '@internal/plugin-eks-platform-node';
import { testGuard } from '../__testUtils__/testGuard';
import { InputError } from '@backstage/errors';
import yaml from 'yaml';
import {
  actionContext,
  CheckpointStore,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { isClusterMutating } from '../cluster/__testUtils__/clusterTestUtils';
import {
  adminOf,
  createEnvironment,
  DEV,
  destroyAction,
  NOTHING,
  readEnvironment,
} from './__testUtils__/destroyTestUtils';
import { EnvironmentDestroyError } from './destroyEnvironment';

/** The dev preset: one NAT gateway and Elastic IP, three node groups. */
const DEV_EXISTING = {
  vpcs: 1,
  subnets: 6,
  internetGateways: 1,
  addresses: 1,
  natGateways: 1,
  routeTables: 4,
  flowLogs: 1,
  clusterSecurityGroups: 1,
  clusters: 1,
  // Control plane, nodes, VPC CNI and the platform's five controllers.
  roles: 8,
  logGroups: 2,
  aliases: 1,
};

// Each test creates a whole environment with the three create actions first.
jest.setTimeout(30_000);

const CONFIRMED_DEV = { ...DEV, confirmEnvironmentName: 'dpj-dev' };

describe('eks-platform:environment:destroy', () => {
  const fixture = useSandboxActionFixture();
  const action = () => destroyAction(fixture.aws);
  const mutatingCalls = async () =>
    (await fixture.calls()).filter(c => isClusterMutating(c.operation));

  beforeEach(async () => {
    await fixture.reset();
  });

  it('deletes a whole dev environment in dependency order, then finds nothing on a re-run', async () => {
    await createEnvironment(fixture.aws, DEV);
    const before = await readEnvironment(fixture.aws, DEV.account, 'dpj-dev');
    expect(before).toMatchObject(DEV_EXISTING);
    expect(before.launchTemplates).toBeGreaterThan(0);
    await fixture.clearCalls();

    const ctx = actionContext({ input: CONFIRMED_DEV, taskId: 'task-destroy' });
    await action().handler(ctx);

    expect(await readEnvironment(fixture.aws, DEV.account, 'dpj-dev')).toEqual(
      NOTHING,
    );
    const deleted: { type: string; name: string; id: string }[] = outputOf(
      ctx,
      'deleted',
    );
    const types = deleted.map(d => d.type);
    const first = (type: string) => types.indexOf(type);
    const last = (type: string) => types.lastIndexOf(type);
    expect(last('AWS::EKS::Nodegroup')).toBeLessThan(
      first('AWS::EKS::Cluster'),
    );
    expect(last('AWS::EC2::LaunchTemplate')).toBeLessThan(
      first('AWS::EKS::Cluster'),
    );
    expect(first('AWS::EKS::Cluster')).toBeLessThan(first('AWS::KMS::Key'));
    // The key and the roles serve the cluster only; they go together once it is deleted.
    expect(first('AWS::EKS::Cluster')).toBeLessThan(first('AWS::IAM::Role'));
    expect(last('AWS::IAM::Role')).toBeLessThan(first('AWS::EC2::NatGateway'));
    // A NAT gateway holds its address, its subnet and a public address mapped in the
    // VPC until it is deleted; the VPC goes last.
    for (const type of [
      'AWS::EC2::EIP',
      'AWS::EC2::InternetGateway',
      'AWS::EC2::Subnet',
    ]) {
      expect(last('AWS::EC2::NatGateway')).toBeLessThan(first(type));
      expect(last(type)).toBeLessThan(first('AWS::EC2::VPC'));
    }
    expect(types.filter(t => t === 'AWS::EKS::Nodegroup')).toHaveLength(3);
    // EKS's cluster security group, untagged, goes once the cluster is gone.
    expect(first('AWS::EC2::SecurityGroup')).toBeGreaterThan(
      first('AWS::EKS::Cluster'),
    );
    expect(first('AWS::EC2::SecurityGroup')).toBeLessThan(
      first('AWS::EC2::VPC'),
    );
    expect(deleted).toContainEqual({
      type: 'AWS::EKS::Cluster',
      name: 'dpj-dev-cluster',
      id: 'dpj-dev-cluster',
    });
    expect(deleted).toContainEqual({
      type: 'AWS::EC2::VPC',
      name: expect.stringContaining('dpj-dev'),
      id: expect.stringMatching(/^vpc-/),
    });
    expect(outputOf(ctx, 'summary')).toMatch(
      /^Deleted \d+ resource\(s\) of dpj-dev/,
    );
    // The mutating calls the sandbox saw are the deletes, in phase order.
    const operations = (await mutatingCalls()).map(c => c.operation);
    expect(operations.indexOf('DeleteCluster')).toBeGreaterThan(
      operations.lastIndexOf('DeleteNodegroup'),
    );
    expect(operations.indexOf('DeleteVpc')).toBeGreaterThan(
      operations.lastIndexOf('DeleteRole'),
    );
    expect(
      operations.every(o =>
        /^(Delete|Detach|Disassociate|Release|Schedule)/.test(o),
      ),
    ).toBe(true);
    const lines = logLines(ctx.logger);
    for (const phase of ['nodegroups', 'cluster', 'network']) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Phase \\d/3 ${phase} done: \\d+ resource\\(s\\) deleted in [\\d.]+s \\([\\d.]+s elapsed\\)$`,
          ),
        ),
      );
    }

    // A second task: nothing left, nothing deleted, no mutating call.
    await fixture.clearCalls();
    const again = actionContext({
      input: CONFIRMED_DEV,
      taskId: 'task-destroy-2',
    });
    await action().handler(again);
    expect(outputOf(again, 'deleted')).toEqual([]);
    expect(outputOf(again, 'summary')).toMatch(/^Nothing of dpj-dev was left/);
    expect(await mutatingCalls()).toEqual([]);
  });

  it('dry run: lists what exists and makes no mutating call', async () => {
    await createEnvironment(fixture.aws, DEV);
    await fixture.clearCalls();
    const ctx = actionContext({ input: CONFIRMED_DEV, isDryRun: true });
    await action().handler(ctx);
    expect(await mutatingCalls()).toEqual([]);
    expect((await fixture.calls()).length).toBeGreaterThan(0);
    const listed: { type: string }[] = outputOf(ctx, 'deleted');
    const count = (type: string) => listed.filter(r => r.type === type).length;
    expect({
      nodegroups: count('AWS::EKS::Nodegroup'),
      clusters: count('AWS::EKS::Cluster'),
      roles: count('AWS::IAM::Role'),
      keys: count('AWS::KMS::Key'),
      vpcs: count('AWS::EC2::VPC'),
      subnets: count('AWS::EC2::Subnet'),
      natGateways: count('AWS::EC2::NatGateway'),
      addresses: count('AWS::EC2::EIP'),
      internetGateways: count('AWS::EC2::InternetGateway'),
      routeTables: count('AWS::EC2::RouteTable'),
      flowLogs: count('AWS::EC2::FlowLog'),
      clusterSecurityGroups: count('AWS::EC2::SecurityGroup'),
    }).toEqual({
      nodegroups: 3,
      clusters: 1,
      // Control plane, nodes, VPC CNI, EBS and EFS CSI drivers, load balancer controller,
      // Fluent Bit, Cluster Autoscaler.
      roles: 8,
      keys: 1,
      vpcs: 1,
      subnets: 6,
      natGateways: 1,
      addresses: 1,
      internetGateways: 1,
      routeTables: 4,
      flowLogs: 1,
      clusterSecurityGroups: 1,
    });
    expect(count('AWS::EC2::LaunchTemplate')).toBeGreaterThan(0);
    // The alias goes with its key, which is listed under it.
    expect(listed).toContainEqual({
      type: 'AWS::KMS::Key',
      name: 'alias/dpj-dev-cluster-secrets',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(outputOf(ctx, 'summary')).toMatch(/^Would delete \d+ resource/);
    // Everything is still there.
    expect(
      await readEnvironment(fixture.aws, DEV.account, 'dpj-dev'),
    ).toMatchObject(DEV_EXISTING);
  });

  it.each(['dev', 'staging', 'production'] as const)(
    'refuses %s without confirmEnvironmentName before any AWS call',
    async environment => {
      const create = jest.fn();
      for (const confirmEnvironmentName of [undefined, '', 'dpj-other']) {
        const ctx = actionContext({
          input: {
            environment,
            owner: 'group:default/platform-team',
            account: '333333333333',
            ...(confirmEnvironmentName !== undefined
              ? { confirmEnvironmentName }
              : {}),
          } as any,
        });
        const attempt = destroyAction({ create }).handler(ctx);
        await expect(attempt).rejects.toThrow(InputError);
        await expect(attempt).rejects.toThrow(/confirmEnvironmentName/);
      }
      expect(create).not.toHaveBeenCalled();
    },
  );

  it('refuses a wrong confirmation and a malformed field for any environment, before any AWS call', async () => {
    const create = jest.fn();
    const attempt = destroyAction({ create }).handler(
      actionContext({
        input: {
          ...DEV,
          confirmEnvironmentName: 'dpj-prod',
          region: 'paris',
        },
      }),
    );
    await expect(attempt).rejects.toThrow(
      /region: region "paris" is not a supported AWS region[\s\S]*confirmEnvironmentName: confirmEnvironmentName is "dpj-prod" but the environment to destroy is "dpj-dev"/,
    );
    expect(create).not.toHaveBeenCalled();
  });

  it('accepts a Kubernetes version no longer supported: it names nothing', async () => {
    await createEnvironment(fixture.aws, DEV);
    const ctx = actionContext({
      input: { ...CONFIRMED_DEV, kubernetesVersion: '1.28' },
      isDryRun: true,
    });
    await action().handler(ctx);
    expect(outputOf(ctx, 'deleted').length).toBeGreaterThan(0);
  });

  it('decides on the preset the resources carry: production disguised as dev is refused to a dev-only user', async () => {
    await createEnvironment(fixture.aws, {
      environment: 'production',
      owner: 'group:default/platform-team',
      account: '333333333333',
    });
    await fixture.clearCalls();
    const disguised = {
      environment: 'dev' as const,
      name: 'dpj-prod',
      owner: 'group:default/platform-team',
      account: '333333333333',
      confirmEnvironmentName: 'dpj-prod',
    };
    const devOnly = testGuard(fixture.aws, {
      decide: () =>
        createEksEnvironmentConditionalDecision(
          eksPlatformEnvironmentDeletePermission,
          eksEnvironmentConditions.isEnvironmentPreset({ presets: ['dev'] }),
        ),
    });
    await expect(
      destroyAction(fixture.aws, devOnly).handler(
        actionContext({ input: disguised }),
      ),
    ).rejects.toThrow(
      /may not destroy the production environment dpj-prod owned by group:default\/platform-team: the permission policy refuses eks-platform.environment.delete/,
    );
    expect(await mutatingCalls()).toEqual([]);
  });

  it('resumes after a failed phase: later phases wait, a retry finishes and reports everything', async () => {
    await createEnvironment(fixture.aws, DEV);
    const checkpoints = new CheckpointStore();
    checkpoints.abortAtKey = 'destroy.111111111111/eu-west-3/dpj-dev.network';
    const first = actionContext({
      input: CONFIRMED_DEV,
      taskId: 'task-d',
      checkpoints,
    });
    const failed = action().handler(first);
    await expect(failed).rejects.toThrow(EnvironmentDestroyError);
    await expect(failed).rejects.toThrow(/stopped in phase 3\/3 \(network\)/);
    const partial = await readEnvironment(fixture.aws, DEV.account, 'dpj-dev');
    expect(partial).toMatchObject({ clusters: 0, roles: 0, vpcs: 1 });

    checkpoints.abortAtKey = undefined;
    const retry = actionContext({
      input: CONFIRMED_DEV,
      taskId: 'task-d',
      checkpoints,
    });
    await action().handler(retry);
    expect(await readEnvironment(fixture.aws, DEV.account, 'dpj-dev')).toEqual(
      NOTHING,
    );
    const types = outputOf(retry, 'deleted').map(
      (d: { type: string }) => d.type,
    );
    expect(types).toContain('AWS::EKS::Nodegroup');
    expect(types).toContain('AWS::EKS::Cluster');
    expect(types).toContain('AWS::EC2::VPC');
  });

  it.each(action().examples!.map(e => [e.description, e.example]))(
    'runs its example: %s',
    async (_description, example) => {
      const step = yaml.parse(example).steps[0];
      expect(step.action).toBe('eks-platform:environment:destroy');
      const { environment, owner, account, name } = step.input;
      const environmentName =
        name ?? (environment === 'production' ? 'dpj-prod' : 'dpj-dev');
      await createEnvironment(fixture.aws, {
        environment,
        owner,
        account,
        ...(name ? { name } : {}),
      });
      expect(step.input.adminPrincipalArn ?? adminOf(account)).toBe(
        adminOf(account),
      );
      const ctx = actionContext({ input: step.input });
      await action().handler(ctx);
      expect(
        await readEnvironment(fixture.aws, account, environmentName),
      ).toEqual(NOTHING);
      expect(outputOf(ctx, 'deleted').length).toBeGreaterThan(20);
    },
  );
});
