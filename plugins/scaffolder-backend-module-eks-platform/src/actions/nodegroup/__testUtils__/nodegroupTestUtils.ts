/**
 * Test setup for the node group action: a VPC, private subnets, IAM roles (those the
 * cluster step makes: cluster, nodes, the storage drivers') and an ACTIVE EKS cluster made directly with the SDK clients (not with the other actions), and an
 * independent read-back of what the action created.
 */
import type { EnvironmentGuard } from '../../access';
import { testGuard } from '../../__testUtils__/testGuard';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateAddonCommand,
  CreateClusterCommand,
  DescribeAddonCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListNodegroupsCommand,
  waitUntilAddonActive,
  waitUntilClusterActive,
} from '@aws-sdk/client-eks';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  CONTROLLER_IDENTITIES,
  podIdentityTrustPolicy,
} from '@internal/plugin-eks-platform-common';
import {
  FAST_WAITS,
  SandboxActionFixture,
  TODAY,
} from '../../__testUtils__/sandboxActionFixture';
import { createNodegroupsCreateAction } from '../createNodegroups';
import { isRoleNotAssumableYet, retryWhile } from '../../shared/awsErrors';

export const ACCOUNT = '333333333333';
export const CLUSTER = 'dpj-prod-cluster';
export const NODE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${CLUSTER}-node-role`;

export function nodegroupAction(
  aws: Pick<AwsClientFactory, 'create'>,
  guard: EnvironmentGuard = testGuard(aws),
) {
  return createNodegroupsCreateAction({
    aws,
    guard,
    now: () => TODAY,
    waitSettings: FAST_WAITS,
  });
}

const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
      },
    ],
  });

export interface TestClients {
  eks: EKSClient;
  ec2: EC2Client;
  iam: IAMClient;
  destroy(): void;
}

export async function clientsFor(
  aws: Pick<AwsClientFactory, 'create'>,
  accountId = ACCOUNT,
): Promise<TestClients> {
  const target = { accountId, region: 'eu-west-3' };
  const [eks, ec2, iam] = await Promise.all([
    aws.create(EKSClient, target),
    aws.create(EC2Client, target),
    aws.create(IAMClient, target),
  ]);
  return {
    eks,
    ec2,
    iam,
    destroy() {
      eks.destroy();
      ec2.destroy();
      iam.destroy();
    },
  };
}

/** VPC, three private subnets, cluster and node roles, ACTIVE cluster. Returns the subnet ids. */
export async function createTestCluster(
  clients: TestClients,
  options: { name?: string; version?: string } = {},
): Promise<{ subnetIds: string[]; vpcId: string }> {
  const { ec2 } = clients;
  const { Vpc } = await ec2.send(
    new CreateVpcCommand({ CidrBlock: '10.30.0.0/16' }),
  );
  const subnetIds: string[] = [];
  for (const [index, zone] of ['a', 'b', 'c'].entries()) {
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({
        VpcId: Vpc!.VpcId,
        CidrBlock: `10.30.${32 * (index + 1)}.0/19`,
        AvailabilityZone: `eu-west-3${zone}`,
      }),
    );
    subnetIds.push(Subnet!.SubnetId!);
  }
  await createTestClusterOn(clients, subnetIds, options);
  return { subnetIds, vpcId: Vpc!.VpcId! };
}

/** Cluster and node roles and an ACTIVE cluster over existing subnets. */
export async function createTestClusterOn(
  clients: TestClients,
  subnetIds: string[],
  options: { name?: string; version?: string; taskId?: string } = {},
): Promise<void> {
  const { eks, iam } = clients;
  const name = options.name ?? CLUSTER;
  const clusterRole = await iam.send(
    new CreateRoleCommand({
      RoleName: `${name}-cluster-role`,
      AssumeRolePolicyDocument: trust('eks.amazonaws.com'),
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: `${name}-node-role`,
      AssumeRolePolicyDocument: trust('ec2.amazonaws.com'),
    }),
  );
  const podTrust = JSON.stringify(
    podIdentityTrustPolicy({
      account: ACCOUNT,
      region: 'eu-west-3',
      cluster: name,
    }),
  );
  for (const { roleKey, addon, managedPolicies } of CONTROLLER_IDENTITIES) {
    if (!addon) continue;
    const RoleName = `${name}-${roleKey}`;
    await iam.send(
      new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: podTrust }),
    );
    for (const PolicyArn of managedPolicies) {
      await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn }));
    }
  }
  // Like the cluster step, wait out IAM propagation of the role just made.
  const createCluster = new CreateClusterCommand({
    name,
    version: options.version ?? '1.35',
    roleArn: clusterRole.Role!.Arn,
    resourcesVpcConfig: { subnetIds },
    accessConfig: { authenticationMode: 'API' },
    // As the cluster step tags it: created by the task the node group tests run as.
    tags: {
      'eks-platform:environment-name': name.replace(/-cluster$/, ''),
      'eks-platform:task-id': options.taskId ?? 'task-1',
      environment: 'production',
      owner: 'group:default/platform-team',
    },
  });
  await retryWhile(
    isRoleNotAssumableYet,
    () => eks.send(createCluster),
    [20, 40, 80, 160, 320],
  );
  await waitUntilClusterActive(
    { client: eks, minDelay: 0.05, maxDelay: 0.1, maxWaitTime: 20 },
    { name },
  );
  // The storage drivers' roles reach their pods through the agent, as the cluster step installs it.
  await eks.send(
    new CreateAddonCommand({
      clusterName: name,
      addonName: 'eks-pod-identity-agent',
    }),
  );
  await waitUntilAddonActive(
    { client: eks, minDelay: 0.05, maxDelay: 0.1, maxWaitTime: 20 },
    { clusterName: name, addonName: 'eks-pod-identity-agent' },
  );
}

/** The node groups, launch templates and after-nodes add-ons that exist, read independently. */
/**
 * A test's start: an empty sandbox with an ACTIVE test cluster, the test's own clients to
 * it (the caller destroys them) and an empty call log.
 */
export async function resetWithTestCluster(
  fixture: Pick<SandboxActionFixture, 'aws' | 'reset' | 'clearCalls'>,
): Promise<{ clients: TestClients; subnetIds: string[] }> {
  await fixture.reset();
  const clients = await clientsFor(fixture.aws);
  try {
    const { subnetIds } = await createTestCluster(clients);
    await fixture.clearCalls();
    return { clients, subnetIds };
  } catch (error) {
    clients.destroy();
    throw error;
  }
}

export async function readNodegroups(clients: TestClients, cluster = CLUSTER) {
  const { eks, ec2 } = clients;
  const { nodegroups: names = [] } = await eks.send(
    new ListNodegroupsCommand({ clusterName: cluster }),
  );
  const nodegroups = await Promise.all(
    names.map(
      async nodegroupName =>
        (
          await eks.send(
            new DescribeNodegroupCommand({
              clusterName: cluster,
              nodegroupName,
            }),
          )
        ).nodegroup!,
    ),
  );
  const { LaunchTemplates = [] } = await ec2.send(
    new DescribeLaunchTemplatesCommand({}),
  );
  const versions = await Promise.all(
    LaunchTemplates.map(
      async t =>
        (
          await ec2.send(
            new DescribeLaunchTemplateVersionsCommand({
              LaunchTemplateId: t.LaunchTemplateId,
            }),
          )
        ).LaunchTemplateVersions![0],
    ),
  );
  const addons = [];
  for (const addonName of [
    'coredns',
    'aws-ebs-csi-driver',
    'aws-efs-csi-driver',
    'metrics-server',
  ]) {
    try {
      addons.push(
        (
          await eks.send(
            new DescribeAddonCommand({ clusterName: cluster, addonName }),
          )
        ).addon!,
      );
    } catch {
      // absent
    }
  }
  return {
    nodegroups: nodegroups.filter(n => n.status !== 'DELETING'),
    launchTemplates: LaunchTemplates,
    launchTemplateVersions: versions,
    addons: addons.filter(a => a.status !== 'DELETING'),
  };
}

/**
 * The node group action's input over the test cluster. The test cluster is made outside
 * the product's steps, so the action adopts it, as an operator would have to.
 */
export function productionInput(subnetIds: string[]) {
  return {
    adopt: true,
    environment: 'production' as const,
    owner: 'group:default/platform-team',
    account: ACCOUNT,
    clusterName: CLUSTER,
    nodeRoleArn: NODE_ROLE_ARN,
    privateSubnetIds: subnetIds,
  };
}
