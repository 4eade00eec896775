import { presetFor } from '@internal/plugin-eks-platform-common';
/**
 * What an earlier run or an earlier version of the action left behind, brought up to date
 * instead of duplicated: a Pod Identity role whose trust policy predates its conditions,
 * a KMS key created without its alias.
 */
import {
  CreateRoleCommand,
  GetRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  KeyMetadata,
  KMSClient,
  ListAliasesCommand,
  ListResourceTagsCommand,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import {
  actionContext,
  CheckpointStore,
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
  PRODUCTION_CLUSTER_COUNTS,
  productionClusterInput,
  testClients,
} from './__testUtils__/clusterTestUtils';
import { createClusterClients, deleteCluster } from './index';
import { destroyPhases } from '../destroy/destroyPhases';

const CLUSTER = 'dpj-prod-cluster';
const ALIAS = `alias/${CLUSTER}-secrets`;
const VPC_CNI_ROLE = `${CLUSTER}-vpc-cni-role`;

/** The trust policy the action wrote before it scoped Pod Identity roles. */
const UNSCOPED_POD_IDENTITY_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
  ],
});

const ownTags = (environment: string, taskId: string, component: string) => ({
  'eks-platform:environment-name': environment,
  'eks-platform:task-id': taskId,
  'eks-platform:component': component,
});

/** Keys tagged as an environment's secrets key, read back with plain KMS calls. */
async function secretsKeys(
  kms: KMSClient,
  environment: string,
): Promise<KeyMetadata[]> {
  const keys: KeyMetadata[] = [];
  for await (const page of paginateListKeys({ client: kms }, {})) {
    for (const { KeyId } of page.Keys ?? []) {
      const { Tags = [] } = await kms.send(
        new ListResourceTagsCommand({ KeyId }),
      );
      const tags = Object.fromEntries(Tags.map(t => [t.TagKey, t.TagValue]));
      if (
        tags['eks-platform:environment-name'] === environment &&
        tags['eks-platform:component'] === 'secrets-key'
      ) {
        keys.push(
          (await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!,
        );
      }
    }
  }
  return keys;
}

async function aliasTarget(kms: KMSClient, alias: string) {
  const { Aliases = [] } = await kms.send(new ListAliasesCommand({}));
  return Aliases.find(a => a.AliasName === alias)?.TargetKeyId;
}

/** A key as CreateKey left it when the task stopped before CreateAlias. */
async function createUnaliasedKey(
  kms: KMSClient,
  environment: string,
  taskId: string,
) {
  const tags = {
    ...ownTags(environment, taskId, 'secrets-key'),
    Name: `alias/${environment}-cluster-secrets`,
  };
  const { KeyMetadata: key } = await kms.send(
    new CreateKeyCommand({
      Description: 'left by an interrupted create',
      Tags: Object.entries(tags).map(([TagKey, TagValue]) => ({
        TagKey,
        TagValue,
      })),
    }),
  );
  return key!;
}

const aliasDenied = {
  service: 'kms',
  operation: 'CreateAlias',
  code: 'AccessDeniedException',
  message:
    'User: arn:aws:sts::333333333333:assumed-role/platform/backstage is not authorized to perform: kms:CreateAlias',
  status: 400,
  times: 1,
};

describe('eks-platform:cluster:create with leftovers', () => {
  const fixture = useSandboxActionFixture();
  let clients: ClusterClientsForTests;
  let devClients: ClusterClientsForTests;
  let subnets: string[];
  let devSubnets: string[];
  const action = () => clusterAction(fixture.aws);
  const input = () => productionClusterInput(subnets);
  const devInput = () => ({
    environment: 'dev' as const,
    owner: 'group:default/dpj-developers',
    account: '111111111111',
    privateSubnetIds: devSubnets,
    adminPrincipalArn: 'arn:aws:iam::111111111111:role/dpj-platform-team',
    argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
  });
  const calls = async (operation: string) =>
    (await fixture.calls()).filter(
      c => c.status < 300 && c.operation === operation,
    ).length;
  const mutating = async () =>
    (await fixture.calls())
      .filter(c => c.status < 300 && isClusterMutating(c.operation))
      .map(c => c.operation);
  const vpcCniTrust = async () =>
    JSON.parse(
      decodeURIComponent(
        (await clients.iam.send(new GetRoleCommand({ RoleName: VPC_CNI_ROLE })))
          .Role!.AssumeRolePolicyDocument!,
      ),
    );
  const scopedTrustConditions = {
    StringEquals: {
      'aws:SourceAccount': '333333333333',
      'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:eu-west-3:333333333333:cluster/${CLUSTER}`,
    },
    ArnLike: {
      'aws:SourceArn': `arn:aws:eks:eu-west-3:333333333333:podidentityassociation/${CLUSTER}/*`,
    },
  };

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

  it('scopes the trust policy of a Pod Identity role made before the conditions', async () => {
    await clients.iam.send(
      new CreateRoleCommand({
        RoleName: VPC_CNI_ROLE,
        AssumeRolePolicyDocument: UNSCOPED_POD_IDENTITY_TRUST,
        Tags: Object.entries(ownTags('dpj-prod', 'task-p', 'vpc-cni-role')).map(
          ([Key, Value]) => ({ Key, Value }),
        ),
      }),
    );
    const ctx = actionContext({ input: input(), taskId: 'task-p' });
    await action().handler(ctx);

    expect((await vpcCniTrust()).Statement[0].Condition).toEqual(
      scopedTrustConditions,
    );
    expect(await calls('UpdateAssumeRolePolicy')).toBe(1);
    expect(
      outputOf(ctx, 'resources').find(
        (r: any) => r.component === 'vpc-cni-role',
      ).outcome,
    ).toBe('reused');
  });

  it('scopes it when a task resumes whose role steps an earlier version checkpointed', async () => {
    const checkpoints = new CheckpointStore();
    await action().handler(
      actionContext({ input: input(), taskId: 'task-r', checkpoints }),
    );
    // The state an earlier version left: the unscoped trust, no trust checkpoints.
    await clients.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: VPC_CNI_ROLE,
        PolicyDocument: UNSCOPED_POD_IDENTITY_TRUST,
      }),
    );
    for (const key of [...checkpoints.values.keys()]) {
      if (key.endsWith('.trust')) checkpoints.values.delete(key);
    }
    await fixture.clearCalls();

    await action().handler(
      actionContext({ input: input(), taskId: 'task-r', checkpoints }),
    );
    expect(await mutating()).toEqual(['UpdateAssumeRolePolicy']);
    expect((await vpcCniTrust()).Statement[0].Condition).toEqual(
      scopedTrustConditions,
    );
  });

  it('aliases a key a stopped create left without alias instead of creating another', async () => {
    const left = await createUnaliasedKey(clients.kms, 'dpj-prod', 'task-k');
    await fixture.clearCalls();
    const ctx = actionContext({ input: input(), taskId: 'task-k' });
    await action().handler(ctx);

    const keys = await secretsKeys(clients.kms, 'dpj-prod');
    expect(keys.map(k => k.KeyId)).toEqual([left.KeyId]);
    expect(await aliasTarget(clients.kms, ALIAS)).toBe(left.KeyId);
    expect(await calls('CreateKey')).toBe(0);
    expect(await calls('CreateAlias')).toBe(1);
    expect(outputOf(ctx, 'kmsKeyArn')).toBe(left.Arn);
    expect(await countCluster(clients, CLUSTER)).toEqual(
      PRODUCTION_CLUSTER_COUNTS,
    );
  });

  it('reuses the key when CreateAlias failed and the task is retried', async () => {
    await fixture.faults({ scripted: [aliasDenied] });
    const checkpoints = new CheckpointStore();
    await expect(
      action().handler(
        actionContext({ input: input(), taskId: 'task-a', checkpoints }),
      ),
    ).rejects.toThrow(/kms:CreateAlias/);
    await action().handler(
      actionContext({ input: input(), taskId: 'task-a', checkpoints }),
    );

    const keys = await secretsKeys(clients.kms, 'dpj-prod');
    expect(keys).toHaveLength(1);
    expect(keys[0].KeyState).toBe('Enabled');
    expect(await aliasTarget(clients.kms, ALIAS)).toBe(keys[0].KeyId);
    expect(await calls('CreateKey')).toBe(1);
    expect(await countCluster(clients, CLUSTER)).toEqual(
      PRODUCTION_CLUSTER_COUNTS,
    );
  });

  it('rolls back a key whose alias was never created', async () => {
    await fixture.faults({ scripted: [aliasDenied] });
    await expect(
      action().handler(actionContext({ input: devInput(), taskId: 'task-d' })),
    ).rejects.toThrow(/Rolled back/);

    const keys = await secretsKeys(devClients.kms, 'dpj-dev');
    expect(keys).toHaveLength(1);
    expect(keys[0].KeyState).toBe('PendingDeletion');
    expect(await countCluster(devClients, 'dpj-dev-cluster')).toEqual(
      NO_CLUSTER,
    );
  });

  it('destroys the aliased key and a tagged one without alias, and lists both first', async () => {
    await action().handler(actionContext({ input: input(), taskId: 'task-x' }));
    const left = await createUnaliasedKey(clients.kms, 'dpj-prod', 'task-y');
    const all = await createClusterClients(fixture.aws, {
      accountId: '333333333333',
      region: 'eu-west-3',
    });
    try {
      const phases = destroyPhases(
        all,
        presetFor('production'),
        { info: jest.fn(), warn: jest.fn() },
        { waitSettings: FAST_WAITS, clusterWaitSettings: FAST_WAITS },
      );
      const kmsRows = (await phases.cluster.list()).filter(r =>
        r.type.startsWith('AWS::KMS::'),
      );
      // The alias goes with its key, which is listed under it.
      expect(kmsRows.map(r => `${r.type} ${r.name}`).sort()).toEqual(
        [
          `AWS::KMS::Key ${ALIAS}`,
          `AWS::KMS::Key ${left.KeyId} without alias`,
        ].sort(),
      );
      expect(kmsRows.map(r => r.id)).toContain(left.KeyId);

      const logger = { info: jest.fn(), warn: jest.fn() };
      await deleteCluster(all, presetFor('production'), logger, {
        waitSettings: FAST_WAITS,
      });
    } finally {
      Object.values(all).forEach(c => c.destroy());
    }
    const keys = await secretsKeys(clients.kms, 'dpj-prod');
    expect(keys).toHaveLength(2);
    expect(keys.map(k => k.KeyState)).toEqual([
      'PendingDeletion',
      'PendingDeletion',
    ]);
    expect(await aliasTarget(clients.kms, ALIAS)).toBeUndefined();
  });
});
