import {
  DescribeAddonVersionsCommand,
  DescribeClusterVersionsCommand,
  DeleteAccessEntryCommand,
  DescribePodIdentityAssociationCommand,
} from '@aws-sdk/client-eks';
import { GetRolePolicyCommand } from '@aws-sdk/client-iam';
import yaml from 'yaml';
import {
  actionContext,
  CheckpointStore,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  clusterAction,
  ClusterClientsForTests,
  countCluster,
  createPrivateSubnets,
  FAST_WAITS,
  isClusterMutating,
  NO_CLUSTER,
  PRODUCTION_ADMIN,
  PRODUCTION_ARGOCD,
  PRODUCTION_CLUSTER_COUNTS,
  productionClusterInput,
  readCluster,
  testClients,
} from './__testUtils__/clusterTestUtils';
import { createClusterClients, deleteCluster } from './index';
import { securityDriftOf } from './preflight';
import { keyPolicyFor } from '../../resources/cluster';
import {
  loadBalancerControllerPolicy,
  presetFor,
} from '@internal/plugin-eks-platform-common';

const CLUSTER = 'dpj-prod-cluster';
const DEV_CLUSTER = 'dpj-dev-cluster';

/** EKS refuses the next AssociateAccessPolicy once, as for a principal lacking the right. */
const ASSOCIATE_ACCESS_POLICY_DENIED = {
  service: 'eks',
  operation: 'AssociateAccessPolicy',
  code: 'AccessDeniedException',
  message: 'User is not authorized to perform eks:AssociateAccessPolicy',
  status: 403,
  times: 1,
};

describe('eks-platform:cluster:create', () => {
  const fixture = useSandboxActionFixture();
  let clients: ClusterClientsForTests;
  let devClients: ClusterClientsForTests;
  let subnets: string[];
  let devSubnets: string[];
  const action = () => clusterAction(fixture.aws);
  const productionInput = () => productionClusterInput(subnets);
  const devInput = () => ({
    environment: 'dev' as const,
    owner: 'group:default/dpj-developers',
    account: '111111111111',
    privateSubnetIds: devSubnets,
    adminPrincipalArn: 'arn:aws:iam::111111111111:role/dpj-platform-team',
    argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
  });
  const mutating = async () =>
    (await fixture.calls())
      .filter(c => c.status < 300 && isClusterMutating(c.operation))
      .map(c => c.operation);

  beforeEach(async () => {
    await fixture.reset();
    subnets = await createPrivateSubnets(fixture.ec2('333333333333'));
    devSubnets = await createPrivateSubnets(
      fixture.ec2('111111111111'),
      '10.10',
    );
    clients ??= await testClients(fixture.aws, '333333333333');
    devClients ??= await testClients(fixture.aws, '111111111111');
    await fixture.clearCalls();
  });

  it('creates exactly the production cluster, each security setting as asked', async () => {
    const ctx = actionContext({
      input: productionInput(),
      taskId: 'task-prod',
    });
    await action().handler(ctx);

    const calls = await fixture.calls();
    const read = await readCluster(clients, CLUSTER);
    const cluster = read.cluster!;
    expect(cluster.status).toBe('ACTIVE');
    // No version in the input: EKS's default for new clusters, as DescribeClusterVersions says.
    const { clusterVersions = [] } = await clients.eks.send(
      new DescribeClusterVersionsCommand({}),
    );
    const version = clusterVersions.find(v => v.defaultVersion)!
      .clusterVersion!;
    expect(cluster.version).toBe(version);
    expect(cluster.resourcesVpcConfig?.subnetIds).toEqual(subnets);
    expect(cluster.resourcesVpcConfig?.endpointPrivateAccess).toBe(true);
    expect(cluster.resourcesVpcConfig?.endpointPublicAccess).toBe(false);
    const logging = cluster.logging?.clusterLogging ?? [];
    const enabledTypes = logging
      .filter(l => l.enabled)
      .flatMap(l => l.types ?? [])
      .sort();
    expect(enabledTypes).toEqual([
      'api',
      'audit',
      'authenticator',
      'controllerManager',
      'scheduler',
    ]);
    expect(cluster.encryptionConfig).toEqual([
      { resources: ['secrets'], provider: { keyArn: read.key!.Arn } },
    ]);
    expect(cluster.accessConfig?.authenticationMode).toBe('API');
    expect(cluster.upgradePolicy?.supportType).toBe('STANDARD');
    // No implicit admin for the creator: the platform team's entry, and ArgoCD's.
    expect([...read.accessEntries].sort()).toEqual(
      [PRODUCTION_ADMIN, PRODUCTION_ARGOCD].sort(),
    );
    expect(cluster.tags).toMatchObject({
      'eks-platform:environment-name': 'dpj-prod',
      'eks-platform:task-id': 'task-prod',
      'eks-platform:component': 'cluster',
      owner: 'group:default/platform-team',
    });
    const createCluster = calls.filter(c => c.operation === 'CreateCluster');
    expect(createCluster).toHaveLength(1);

    // Roles: trust and attached policies exactly.
    const role = (suffix: string) =>
      read.roles.find(r => r.role.RoleName === `${CLUSTER}-${suffix}`)!;
    const trust = (suffix: string) =>
      JSON.parse(
        decodeURIComponent(role(suffix).role.AssumeRolePolicyDocument!),
      );
    expect(read.roles).toHaveLength(8);
    expect(trust('cluster-role').Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'eks.amazonaws.com' },
      }),
    ]);
    expect(role('cluster-role').policies).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    ]);
    expect(trust('node-role').Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ]);
    expect(role('node-role').policies).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
    ]);
    // Only this account's EKS, for this cluster's Pod Identity associations.
    expect(trust('vpc-cni-role').Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': '333333333333',
            'aws:RequestTag/eks-cluster-arn': cluster.arn,
          },
          ArnLike: {
            'aws:SourceArn': `arn:aws:eks:eu-west-3:333333333333:podidentityassociation/${CLUSTER}/*`,
          },
        },
      },
    ]);
    expect(role('vpc-cni-role').policies).toEqual([
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
    // The platform's controllers: the same trust, each with what its work needs only.
    for (const controller of [
      'ebs-csi-role',
      'efs-csi-role',
      'load-balancer-controller-role',
      'fluent-bit-role',
      'cluster-autoscaler-role',
    ]) {
      expect(trust(controller)).toEqual(trust('vpc-cni-role'));
    }
    expect(role('ebs-csi-role').policies).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    ]);
    expect(role('efs-csi-role').policies).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy',
    ]);
    expect(role('load-balancer-controller-role').policies).toEqual([]);
    expect(role('load-balancer-controller-role').inlinePolicies).toEqual([
      'load-balancer-controller-role',
    ]);
    const { PolicyDocument } = await clients.iam.send(
      new GetRolePolicyCommand({
        RoleName: `${CLUSTER}-load-balancer-controller-role`,
        PolicyName: 'load-balancer-controller-role',
      }),
    );
    expect(JSON.parse(decodeURIComponent(PolicyDocument!))).toEqual(
      loadBalancerControllerPolicy({
        account: '333333333333',
        region: 'eu-west-3',
        cluster: CLUSTER,
      }),
    );
    expect(read.roles.filter(r => r.inlinePolicies.length)).toHaveLength(3);
    // The control plane's and Fluent Bit's log groups, each with the preset's retention.
    expect(
      read.logGroups.map(g => [g.logGroupName, g.retentionInDays]),
    ).toEqual([
      [`/aws/eks/${CLUSTER}/cluster`, 365],
      [`/aws/eks/${CLUSTER}/containers`, 90],
    ]);
    // The controller's service account gets its role through EKS Pod Identity.
    const direct = read.podIdentityAssociations
      .filter(a => !a.ownerArn)
      .sort((a, b) =>
        `${a.namespace}/${a.serviceAccount}`.localeCompare(
          `${b.namespace}/${b.serviceAccount}`,
        ),
      );
    expect(direct).toEqual([
      expect.objectContaining({
        namespace: 'kube-system',
        serviceAccount: 'aws-load-balancer-controller',
      }),
      expect.objectContaining({
        namespace: 'kube-system',
        serviceAccount: 'cluster-autoscaler',
      }),
      expect.objectContaining({
        namespace: 'logging',
        serviceAccount: 'fluent-bit',
      }),
    ]);
    const { association } = await clients.eks.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        associationId: direct.find(
          a => a.serviceAccount === 'aws-load-balancer-controller',
        )!.associationId,
      }),
    );
    expect(association?.roleArn).toBe(
      role('load-balancer-controller-role').role.Arn,
    );

    // KMS key: rotation, account-scoped policy, alias.
    expect(read.key?.KeyState).toBe('Enabled');
    expect(read.key?.KeyManager).not.toBe('AWS');
    expect(JSON.parse(keyPolicyFor('333333333333')).Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::333333333333:root' },
      }),
    ]);
    expect(read.rotation).toBe(true);

    // Add-ons: the versions DescribeAddonVersions gives for 1.35, vpc-cni with network policy.
    expect(read.addons.map(a => a.addonName).sort()).toEqual([
      'eks-pod-identity-agent',
      'kube-proxy',
      'vpc-cni',
    ]);
    for (const addon of read.addons) {
      const { addons = [] } = await clients.eks.send(
        new DescribeAddonVersionsCommand({
          addonName: addon.addonName,
          kubernetesVersion: version,
        }),
      );
      const versions = addons[0].addonVersions!;
      const expected =
        versions.find(v =>
          v.compatibilities?.some(
            c => c.clusterVersion === version && c.defaultVersion,
          ),
        ) ?? versions[0];
      expect(addon.addonVersion).toBe(expected.addonVersion);
      expect(addon.status).toBe('ACTIVE');
    }
    const cni = read.addons.find(a => a.addonName === 'vpc-cni')!;
    expect(JSON.parse(cni.configurationValues!)).toEqual({
      enableNetworkPolicy: 'true',
    });

    // Outputs.
    expect(outputOf(ctx, 'clusterName')).toBe(CLUSTER);
    expect(outputOf(ctx, 'clusterArn')).toBe(cluster.arn);
    expect(outputOf(ctx, 'endpoint')).toBe(cluster.endpoint);
    expect(outputOf(ctx, 'certificateAuthority')).toBe(
      cluster.certificateAuthority?.data,
    );
    expect(outputOf(ctx, 'oidcIssuer')).toBe(cluster.identity?.oidc?.issuer);
    expect(outputOf(ctx, 'clusterSecurityGroupId')).toBe(
      cluster.resourcesVpcConfig?.clusterSecurityGroupId,
    );
    expect(outputOf(ctx, 'kmsKeyArn')).toBe(read.key!.Arn);
    expect(outputOf(ctx, 'entityRef')).toBe(`resource:default/${CLUSTER}`);
    expect(outputOf(ctx, 'consoleUrl')).toBe(
      `https://eu-west-3.console.aws.amazon.com/eks/home?region=eu-west-3#/clusters/${CLUSTER}`,
    );
    const entity = outputOf(ctx, 'entity') as any;
    expect(entity.spec).toMatchObject({ type: 'kubernetes-cluster' });
    expect(entity.metadata.annotations).toMatchObject({
      'kubernetes.io/api-server': cluster.endpoint,
      'kubernetes.io/api-server-certificate-authority':
        cluster.certificateAuthority?.data,
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/x-k8s-aws-id': CLUSTER,
    });
    expect(outputOf(ctx, 'nodeRoleArn')).toBe(role('node-role').role.Arn);
    expect(outputOf(ctx, 'addons')).toEqual(
      ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'].map(name => ({
        name,
        version: read.addons.find(a => a.addonName === name)!.addonVersion,
      })),
    );
    expect(
      outputOf(ctx, 'resources').map((r: any) => [r.component, r.outcome]),
    ).toEqual([
      ['cluster-role', 'created'],
      ['node-role', 'created'],
      ['vpc-cni-role', 'created'],
      ['secrets-key', 'created'],
      ['control-plane-logs', 'created'],
      ['cluster', 'created'],
      ['admin-access', 'created'],
      ['argocd-access', 'created'],
      // The agent first: vpc-cni's Pod Identity association needs it ACTIVE.
      ['addon-eks-pod-identity-agent', 'created'],
      ['addon-vpc-cni', 'created'],
      ['addon-kube-proxy', 'created'],
      // What the platform's controllers need.
      ['ebs-csi-role', 'created'],
      ['efs-csi-role', 'created'],
      ['load-balancer-controller-role', 'created'],
      ['fluent-bit-role', 'created'],
      ['cluster-autoscaler-role', 'created'],
      ['pod-identity-aws-load-balancer-controller', 'created'],
      ['pod-identity-fluent-bit', 'created'],
      ['pod-identity-cluster-autoscaler', 'created'],
      ['container-logs', 'created'],
    ]);
    expect(logLines(ctx.logger)).toContainEqual(
      expect.stringMatching(/^Still waiting for EKS cluster .* elapsed$/),
    );
  });

  it('makes exactly the mutating calls the cluster needs, and reads before the first one', async () => {
    await action().handler(
      actionContext({ input: productionInput(), taskId: 'task-prod' }),
    );
    const all = await fixture.calls();
    const firstMutating = all.findIndex(c => isClusterMutating(c.operation));
    // Lookups of what does not exist yet answer 404.
    const before = all.slice(0, firstMutating).map(c => c.operation);
    const calls = all.filter(c => c.status < 300);
    expect(before).toEqual(
      expect.arrayContaining([
        'DescribeClusterVersions',
        'DescribeSubnets',
        'DescribeAddonVersions',
        'GetRole',
        'ListAliases',
        'DescribeCluster',
      ]),
    );
    const changes = calls
      .filter(c => isClusterMutating(c.operation))
      .map(c => c.operation);
    expect([...changes].sort()).toEqual(
      [
        ...Array(8).fill('CreateRole'),
        ...Array(6).fill('AttachRolePolicy'),
        ...Array(3).fill('PutRolePolicy'),
        ...Array(3).fill('CreatePodIdentityAssociation'),
        ...Array(2).fill('CreateLogGroup'),
        ...Array(2).fill('PutRetentionPolicy'),
        'CreateKey',
        'CreateAlias',
        'EnableKeyRotation',
        'CreateCluster',
        ...Array(2).fill('CreateAccessEntry'),
        ...Array(2).fill('AssociateAccessPolicy'),
        ...Array(3).fill('CreateAddon'),
      ].sort(),
    );
    // Reported by the closing note: mutating vs read calls.
    // eslint-disable-next-line no-console
    console.log(
      `production cluster: ${changes.length} mutating calls, ${
        calls.length - changes.length
      } reads`,
    );
  });

  it('creates nothing when the same task runs again, with or without its checkpoints', async () => {
    const checkpoints = new CheckpointStore();
    await action().handler(
      actionContext({
        input: productionInput(),
        taskId: 'task-1',
        checkpoints,
      }),
    );
    await fixture.clearCalls();
    const again = actionContext({
      input: productionInput(),
      taskId: 'task-1',
      checkpoints,
    });
    await action().handler(again);
    expect(await mutating()).toEqual([]);
    expect(
      outputOf(again, 'resources').every((r: any) => r.outcome === 'resumed'),
    ).toBe(true);

    // Another task may not take the environment over: refused before any change.
    const other = actionContext({ input: productionInput(), taskId: 'task-2' });
    await expect(action().handler(other)).rejects.toThrow(
      /Environment dpj-prod already exists: .*EKS cluster dpj-prod-cluster.* created by task task-1 \(eks-platform:task-id\), owner group:default\/platform-team\. A different task may not take it over/,
    );
    expect(await mutating()).toEqual([]);

    // Adopting on purpose finds everything by name, alias and tags, and says so.
    const adopting = actionContext({
      input: { ...productionInput(), adopt: true },
      taskId: 'task-2',
    });
    await action().handler(adopting);
    expect(await mutating()).toEqual([]);
    expect(
      outputOf(adopting, 'resources').every((r: any) => r.outcome === 'reused'),
    ).toBe(true);
    expect(logLines(adopting.logger, 'warn')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Adopting environment dpj-prod on request of .* \(adopt: true\): .*created by task task-1/,
        ),
      ]),
    );
    expect(await countCluster(clients, CLUSTER)).toEqual(
      PRODUCTION_CLUSTER_COUNTS,
    );
  });

  it("rolls back only what the task made on a cluster it adopted: ArgoCD's access entry, found by its tags", async () => {
    await action().handler(
      actionContext({ input: devInput(), taskId: 'task-first' }),
    );
    // ArgoCD's entry went missing (removed by hand): the adopting task makes it again...
    await devClients.eks.send(
      new DeleteAccessEntryCommand({
        clusterName: DEV_CLUSTER,
        principalArn: devInput().argocdRoleArn,
      }),
    );
    await fixture.faults({ scripted: [ASSOCIATE_ACCESS_POLICY_DENIED] });
    await fixture.clearCalls();
    await expect(
      action().handler(
        actionContext({
          input: { ...devInput(), adopt: true },
          taskId: 'task-adopting',
        }),
      ),
    ).rejects.toThrow(/at step "argocd-access.policy"[\s\S]*Rolled back/);
    // ...and its rollback deletes that entry alone: the cluster is not the task's.
    expect(await mutating()).toEqual([
      'CreateAccessEntry',
      'DeleteAccessEntry',
    ]);
    const read = await readCluster(devClients, DEV_CLUSTER);
    expect(read.cluster?.status).toBe('ACTIVE');
    expect(read.accessEntries).toEqual([devInput().adminPrincipalArn]);
  });

  it('still converges with 10% throttling and 2% server errors', async () => {
    await fixture.faults({
      settings: { throttleRate: 0.1, serverErrorRate: 0.02 },
      seed: 11,
    });
    await action().handler(actionContext({ input: productionInput() }));
    const calls = await fixture.calls();
    await fixture.faults({ settings: { throttleRate: 0, serverErrorRate: 0 } });
    expect(calls.some(c => c.status >= 400)).toBe(true);
    expect(await countCluster(clients, CLUSTER)).toEqual(
      PRODUCTION_CLUSTER_COUNTS,
    );
    expect(
      calls.filter(c => c.operation === 'CreateCluster' && c.status < 300),
    ).toHaveLength(1);
  }, 60_000);

  it('rolls a failed dev cluster back: roles detached and deleted, key scheduled for deletion, cluster deleted', async () => {
    await fixture.faults({
      scripted: [
        {
          service: 'eks',
          operation: 'CreateAddon',
          code: 'InvalidParameterException',
          message: 'Addon version specified is not supported',
          status: 400,
          times: 1,
        },
      ],
    });
    const ctx = actionContext({ input: devInput(), taskId: 'task-dev' });
    await expect(action().handler(ctx)).rejects.toThrow(
      /failed at step "addon-eks-pod-identity-agent": InvalidParameterException.*Rolled back: deleted the \d+ resource/s,
    );
    const changes = await mutating();
    expect(changes).toEqual(
      expect.arrayContaining([
        'DeleteCluster',
        'DeleteAlias',
        'ScheduleKeyDeletion',
        'DetachRolePolicy',
        'DeleteRole',
      ]),
    );
    expect(changes.filter(op => op === 'DeleteRole')).toHaveLength(8);
    expect(changes.filter(op => op === 'DetachRolePolicy')).toHaveLength(6);
    expect(changes.filter(op => op === 'DeleteRolePolicy')).toHaveLength(3);
    expect(changes.filter(op => op === 'DeleteLogGroup')).toHaveLength(2);
    expect(await countCluster(devClients, DEV_CLUSTER)).toEqual(NO_CLUSTER);
    const read = await readCluster(devClients, DEV_CLUSTER);
    expect(read.key).toBeUndefined(); // alias gone
  });

  it('keeps a failed production cluster and names what exists, then a retry finishes it', async () => {
    await fixture.faults({ scripted: [ASSOCIATE_ACCESS_POLICY_DENIED] });
    const checkpoints = new CheckpointStore();
    await expect(
      action().handler(
        actionContext({ input: productionInput(), taskId: 't', checkpoints }),
      ),
    ).rejects.toThrow(
      /at step "admin-access.policy".*rollbackOnFailure is off.*EKS cluster dpj-prod-cluster \(ACTIVE\)/s,
    );
    const firstRun = await mutating();
    expect(firstRun).not.toContainEqual(expect.stringMatching(/^Delete/));
    await fixture.clearCalls();
    await action().handler(
      actionContext({ input: productionInput(), taskId: 't', checkpoints }),
    );
    // Add-ons independent of the access policy may have been made beside it: the retry
    // makes the rest, and no add-on twice.
    const retry = await mutating();
    const addonCreates = (ops: string[]) =>
      ops.filter(op => op === 'CreateAddon').length;
    expect([...new Set(retry)].sort()).toEqual(
      addonCreates(firstRun) === 3
        ? ['AssociateAccessPolicy']
        : ['AssociateAccessPolicy', 'CreateAddon'],
    );
    expect(addonCreates(firstRun) + addonCreates(retry)).toBe(3);
    expect(await countCluster(clients, CLUSTER)).toEqual(
      PRODUCTION_CLUSTER_COUNTS,
    );
  });

  it('makes no mutating call in a dry run and outputs the plan with add-on versions', async () => {
    const ctx = actionContext({ input: productionInput(), isDryRun: true });
    await action().handler(ctx);
    expect(await mutating()).toEqual([]);
    expect(outputOf(ctx, 'resources').map((r: any) => r.outcome)).toEqual(
      Array(20).fill('planned'),
    );
    expect(outputOf(ctx, 'addons').map((a: any) => a.name)).toEqual([
      'vpc-cni',
      'kube-proxy',
      'eks-pod-identity-agent',
    ]);
    expect(outputOf(ctx, 'summary')).toContain('no public endpoint');
    expect(await countCluster(clients, CLUSTER)).toEqual(NO_CLUSTER);

    await action().handler(actionContext({ input: productionInput() }));
    await fixture.clearCalls();
    const existing = actionContext({
      input: productionInput(),
      isDryRun: true,
    });
    await action().handler(existing);
    expect(outputOf(existing, 'resources').map((r: any) => r.outcome)).toEqual(
      Array(20).fill('reused'),
    );
    expect(await mutating()).toEqual([]);
  });

  it('restricts the public endpoint to the given CIDR blocks', async () => {
    await action().handler(
      actionContext({
        input: {
          ...devInput(),
          endpointPublicAccessCidrs: ['198.51.100.0/24'],
        },
      }),
    );
    const { cluster } = await readCluster(devClients, DEV_CLUSTER);
    expect(cluster?.resourcesVpcConfig).toMatchObject({
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: ['198.51.100.0/24'],
    });
  });

  it('recreates what a rollback removed when the same task is retried', async () => {
    const checkpoints = new CheckpointStore();
    await action().handler(
      actionContext({ input: devInput(), taskId: 'r', checkpoints }),
    );
    const all = await createClusterClients(fixture.aws, {
      accountId: '111111111111',
      region: 'eu-west-3',
    });
    const logger = { info: jest.fn(), warn: jest.fn() };
    const spec = presetFor('dev');
    await deleteCluster(all, spec, logger, {
      waitSettings: FAST_WAITS,
    });
    expect(await countCluster(devClients, DEV_CLUSTER)).toEqual(NO_CLUSTER);
    // Safe to run again: nothing left, nothing fails.
    await expect(deleteCluster(all, spec, logger)).resolves.toEqual([]);
    Object.values(all).forEach(c => c.destroy());

    // The sandbox keeps the cluster security group (eks-cluster-sg-<cluster>) of a deleted
    // cluster, which EKS deletes with it: the retry uses a fresh VPC to step around that.
    devSubnets = await createPrivateSubnets(
      fixture.ec2('111111111111'),
      '10.11',
    );
    const retry = actionContext({
      input: devInput(),
      taskId: 'r',
      checkpoints,
    });
    await action().handler(retry);
    expect(await countCluster(devClients, DEV_CLUSTER)).toEqual(
      PRODUCTION_CLUSTER_COUNTS,
    );
    expect(logLines(retry.logger, 'warn')).toContainEqual(
      expect.stringMatching(/no longer exists; this step and the following/),
    );
  });

  it.each(
    clusterAction({ create: jest.fn() }).examples!.map(e => [
      e.description,
      e.example,
    ]),
  )('runs the example "%s"', async (_description, example) => {
    const step = yaml.parse(example).steps[0];
    const input = {
      ...step.input,
      privateSubnetIds:
        step.input.account === '333333333333' ? subnets : devSubnets,
    };
    await action().handler(actionContext({ input, isDryRun: true }));
    await action().handler(actionContext({ input }));
    const name = input.name ? `${input.name}-cluster` : CLUSTER;
    const target = input.account === '333333333333' ? clients : devClients;
    expect(await countCluster(target, name)).toEqual(PRODUCTION_CLUSTER_COUNTS);
  });

  it('refuses to reuse a cluster of the environment with weaker settings', () => {
    expect(
      securityDriftOf({
        resourcesVpcConfig: {
          endpointPrivateAccess: false,
          endpointPublicAccess: true,
          publicAccessCidrs: ['0.0.0.0/0'],
        },
        accessConfig: { authenticationMode: 'CONFIG_MAP' },
        logging: { clusterLogging: [{ types: ['api'], enabled: true }] },
      }),
    ).toEqual([
      'private endpoint off',
      'public endpoint open to the internet',
      'secrets not encrypted with a KMS key',
      'authentication mode CONFIG_MAP instead of API',
      'control-plane logs audit, authenticator, controllerManager, scheduler off',
    ]);
  });
});
