/**
 * A whole environment made with the three create actions (network → cluster → node
 * groups), and an independent read-back of everything that carries its tags, for the
 * destroy action's tests. The read-back uses the SDK directly.
 */
import type { EnvironmentGuard } from '../../access';
import { testGuard } from '../../__testUtils__/testGuard';
import {
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  EKSClient,
  ListClustersCommand,
} from '@aws-sdk/client-eks';
import { createArgoCdRegisterAction } from '../../argocd/registerArgoCd';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { CONTROLLER_IDENTITIES } from '@internal/plugin-eks-platform-common';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  actionContext,
  FAST_WAITS,
  outputOf,
  SandboxActionFixture,
  TODAY,
} from '../../__testUtils__/sandboxActionFixture';
import { clusterAction } from '../../cluster/__testUtils__/clusterTestUtils';
import {
  countNetwork,
  networkAction,
} from '../../network/__testUtils__/networkTestUtils';
import { nodegroupAction } from '../../nodegroup/__testUtils__/nodegroupTestUtils';
import { createEnvironmentDestroyAction } from '../destroyEnvironment';

export function destroyAction(
  aws: Pick<AwsClientFactory, 'create'>,
  guard: EnvironmentGuard = testGuard(aws),
) {
  return createEnvironmentDestroyAction({
    aws,
    guard,
    now: () => TODAY,
    waitSettings: FAST_WAITS,
  });
}

export interface EnvironmentFields {
  environment: 'dev' | 'staging' | 'production';
  owner: string;
  account: string;
  name?: string;
}

export const DEV = {
  environment: 'dev' as const,
  owner: 'group:default/dpj-developers',
  account: '111111111111',
};

/** The ArgoCD role the test environments give access to. */
export const argocdRoleOf = (account: string) =>
  `arn:aws:iam::${account}:role/argocd-manager`;

export const adminOf = (account: string) =>
  `arn:aws:iam::${account}:role/dpj-platform-team`;

/** Runs the three create actions as a template would, feeding each step's outputs on. */
export async function createEnvironment(
  aws: Pick<AwsClientFactory, 'create'>,
  fields: EnvironmentFields,
): Promise<void> {
  const network = actionContext({
    input: {
      ...fields,
      flowLogDestinationArn: `arn:aws:s3:::dpj-flow-logs-${fields.account}`,
    },
    taskId: 'task-create',
  });
  await networkAction(aws).handler(network);
  const privateSubnetIds = outputOf(network, 'privateSubnetIds');
  const cluster = actionContext({
    input: {
      ...fields,
      privateSubnetIds,
      adminPrincipalArn: adminOf(fields.account),
      argocdRoleArn: argocdRoleOf(fields.account),
    },
    taskId: 'task-create',
  });
  await clusterAction(aws).handler(cluster);
  const nodegroups = actionContext({
    input: {
      ...fields,
      clusterName: outputOf(cluster, 'clusterName'),
      nodeRoleArn: outputOf(cluster, 'nodeRoleArn'),
      privateSubnetIds,
    },
    taskId: 'task-create',
  });
  await nodegroupAction(aws).handler(nodegroups);
}

/**
 * What of the environment exists: EC2 resources and launch templates by tag, the cluster
 * by EKS's list, the roles by GetRole, the key's alias by KMS's list.
 */
export async function readEnvironment(
  aws: Pick<AwsClientFactory, 'create'>,
  account: string,
  name: string,
) {
  const target = { accountId: account, region: 'eu-west-3' };
  const [ec2, eks, iam, kms, logs] = await Promise.all([
    aws.create(EC2Client, target),
    aws.create(EKSClient, target),
    aws.create(IAMClient, target),
    aws.create(KMSClient, target),
    aws.create(CloudWatchLogsClient, target),
  ]);
  try {
    const network = await countNetwork(ec2, name);
    const { LaunchTemplates = [] } = await ec2.send(
      new DescribeLaunchTemplatesCommand({
        Filters: [
          { Name: 'tag:eks-platform:environment-name', Values: [name] },
        ],
      }),
    );
    // EKS's cluster security group carries no environment tag: found by its name.
    const { SecurityGroups = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({}),
    );
    const clusterSecurityGroups = SecurityGroups.filter(g =>
      g.GroupName?.startsWith(`eks-cluster-sg-${name}-cluster`),
    ).length;
    const { clusters = [] } = await eks.send(new ListClustersCommand({}));
    const roles: string[] = [];
    for (const suffix of [
      'cluster-role',
      'node-role',
      'vpc-cni-role',
      ...CONTROLLER_IDENTITIES.map(i => i.roleKey),
    ]) {
      const RoleName = `${name}-cluster-${suffix}`;
      try {
        await iam.send(new GetRoleCommand({ RoleName }));
        roles.push(RoleName);
      } catch (error) {
        if ((error as { name?: string }).name !== 'NoSuchEntityException') {
          throw error;
        }
      }
    }
    const { Aliases = [] } = await kms.send(new ListAliasesCommand({}));
    return {
      ...network,
      launchTemplates: LaunchTemplates.length,
      clusterSecurityGroups,
      clusters: clusters.filter(c => c === `${name}-cluster`).length,
      roles: roles.length,
      logGroups: (
        (
          await logs.send(
            new DescribeLogGroupsCommand({
              logGroupNamePrefix: `/aws/eks/${name}-cluster/`,
            }),
          )
        ).logGroups ?? []
      ).length,
      aliases: Aliases.filter(
        a => a.AliasName === `alias/${name}-cluster-secrets`,
      ).length,
    };
  } finally {
    [ec2, eks, iam, kms, logs].forEach(c => c.destroy());
  }
}

export const NOTHING = {
  vpcs: 0,
  subnets: 0,
  internetGateways: 0,
  addresses: 0,
  natGateways: 0,
  routeTables: 0,
  flowLogs: 0,
  launchTemplates: 0,
  clusterSecurityGroups: 0,
  clusters: 0,
  roles: 0,
  logGroups: 0,
  aliases: 0,
};

/**
 * Registers a created environment with the sandbox's ArgoCD through its API, as the
 * template's last step does (the task that created it).
 */
export async function registerWithArgoCd(
  fixture: Pick<SandboxActionFixture, 'aws' | 'sandbox'>,
  fields: EnvironmentFields,
  clusterName: string,
): Promise<void> {
  const eks = await fixture.aws.create(EKSClient, {
    accountId: fields.account,
    region: 'eu-west-3',
  });
  const { cluster } = await eks
    .send(new DescribeClusterCommand({ name: clusterName }))
    .finally(() => eks.destroy());
  const register = createArgoCdRegisterAction({
    instances: [
      {
        name: 'sandbox',
        url: `${fixture.sandbox.url}/argocd`,
        token: 'sandbox-argocd-token',
      },
    ],
    guard: testGuard(fixture.aws),
    now: () => TODAY,
  });
  await register.handler(
    actionContext({
      input: {
        ...fields,
        mode: 'api',
        clusterName,
        clusterEndpoint: cluster!.endpoint!,
        clusterCertificateAuthority: cluster!.certificateAuthority!.data!,
        vpcId: cluster!.resourcesVpcConfig!.vpcId!,
        argocdRoleArn: argocdRoleOf(fields.account),
        repoUrl: 'https://github.com/dpj/gitops.git',
      },
      taskId: 'task-create',
    }) as any,
  );
}
