/**
 * Inputs, a VPC with private subnets to build clusters on, and an independent read-back of
 * what the cluster action created, for its tests. The read-back uses the SDK directly.
 */
import type { EnvironmentGuard } from '../../access';
import { testGuard } from '../../__testUtils__/testGuard';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListPodIdentityAssociationsCommand,
  ListAddonsCommand,
  ListClustersCommand,
} from '@aws-sdk/client-eks';
import {
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  FAST_WAITS,
  MUTATING_PREFIXES,
  TODAY,
} from '../../__testUtils__/sandboxActionFixture';
import { createClusterCreateAction } from '../createCluster';

export const PRODUCTION_ADMIN =
  'arn:aws:iam::333333333333:role/dpj-platform-team';
export const PRODUCTION_ARGOCD =
  'arn:aws:iam::333333333333:role/argocd-manager';

/** The cluster action's input for the production preset over `privateSubnetIds`. */
export function productionClusterInput(privateSubnetIds: string[]) {
  return {
    environment: 'production' as const,
    owner: 'group:default/platform-team',
    account: '333333333333',
    privateSubnetIds,
    adminPrincipalArn: PRODUCTION_ADMIN,
    argocdRoleArn: PRODUCTION_ARGOCD,
  };
}

export function clusterAction(
  aws: Pick<AwsClientFactory, 'create'>,
  guard: EnvironmentGuard = testGuard(aws),
) {
  return createClusterCreateAction({
    aws,
    guard,
    now: () => TODAY,
    waitSettings: FAST_WAITS,
  });
}

/** Cluster tests also count KMS's and IAM's verbs as changes. */
export function isClusterMutating(operation: string): boolean {
  return [
    ...MUTATING_PREFIXES,
    'Enable',
    'Disable',
    'Schedule',
    'Put',
    'Tag',
    'Untag',
    'Update',
  ].some(prefix => operation.startsWith(prefix));
}

/** A VPC with one private subnet per zone of eu-west-3, as the network action makes. */
export async function createPrivateSubnets(
  ec2: EC2Client,
  cidrPrefix = '10.30',
): Promise<string[]> {
  const { Vpc } = await ec2.send(
    new CreateVpcCommand({ CidrBlock: `${cidrPrefix}.0.0/16` }),
  );
  const ids: string[] = [];
  for (const [index, zone] of [
    'eu-west-3a',
    'eu-west-3b',
    'eu-west-3c',
  ].entries()) {
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({
        VpcId: Vpc!.VpcId,
        CidrBlock: `${cidrPrefix}.${(index + 1) * 32}.0/19`,
        AvailabilityZone: zone,
      }),
    );
    ids.push(Subnet!.SubnetId!);
  }
  return ids;
}

export interface ClusterClientsForTests {
  eks: EKSClient;
  iam: IAMClient;
  kms: KMSClient;
  logs: CloudWatchLogsClient;
}

export async function testClients(
  aws: Pick<AwsClientFactory, 'create'>,
  accountId: string,
): Promise<ClusterClientsForTests> {
  const target = { accountId, region: 'eu-west-3' };
  return {
    eks: await aws.create(EKSClient, target),
    iam: await aws.create(IAMClient, target),
    kms: await aws.create(KMSClient, target),
    logs: await aws.create(CloudWatchLogsClient, target),
  };
}

/** Everything of one cluster name, read with plain calls. */
export async function readCluster(
  clients: ClusterClientsForTests,
  cluster: string,
) {
  const { eks, iam, kms, logs } = clients;
  const { clusters = [] } = await eks.send(new ListClustersCommand({}));
  const { logGroups = [] } = await logs.send(
    new DescribeLogGroupsCommand({
      logGroupNamePrefix: `/aws/eks/${cluster}/`,
    }),
  );
  const described = clusters.includes(cluster)
    ? (await eks.send(new DescribeClusterCommand({ name: cluster }))).cluster
    : undefined;
  const live =
    described && described.status !== 'DELETING' ? described : undefined;
  const addons = live
    ? await Promise.all(
        (
          await eks.send(new ListAddonsCommand({ clusterName: cluster }))
        ).addons!.map(
          async addonName =>
            (
              await eks.send(
                new DescribeAddonCommand({ clusterName: cluster, addonName }),
              )
            ).addon!,
        ),
      )
    : [];
  const accessEntries = live
    ? (await eks.send(new ListAccessEntriesCommand({ clusterName: cluster })))
        .accessEntries ?? []
    : [];
  const podIdentityAssociations = live
    ? (
        await eks.send(
          new ListPodIdentityAssociationsCommand({ clusterName: cluster }),
        )
      ).associations ?? []
    : [];
  const { Roles = [] } = await iam.send(new ListRolesCommand({}));
  const roles = await Promise.all(
    Roles.filter(r => r.RoleName!.startsWith(`${cluster}-`)).map(async r => ({
      role: (
        await iam.send(new GetRoleCommand({ RoleName: r.RoleName }))
      ).Role!,
      policies: (
        (
          await iam.send(
            new ListAttachedRolePoliciesCommand({ RoleName: r.RoleName }),
          )
        ).AttachedPolicies ?? []
      )
        .map(p => p.PolicyArn!)
        .sort(),
      inlinePolicies:
        (
          await iam.send(new ListRolePoliciesCommand({ RoleName: r.RoleName }))
        ).PolicyNames ?? [],
    })),
  );
  const { Aliases = [] } = await kms.send(new ListAliasesCommand({}));
  const alias = Aliases.find(a => a.AliasName === `alias/${cluster}-secrets`);
  const key = alias
    ? (await kms.send(new DescribeKeyCommand({ KeyId: alias.TargetKeyId })))
        .KeyMetadata
    : undefined;
  const rotation =
    key && key.KeyState === 'Enabled'
      ? (await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId })))
          .KeyRotationEnabled
      : undefined;
  return {
    cluster: live,
    deleting: described,
    addons,
    accessEntries,
    podIdentityAssociations,
    logGroups,
    roles,
    key,
    rotation,
  };
}

export async function countCluster(
  clients: ClusterClientsForTests,
  cluster: string,
) {
  const read = await readCluster(clients, cluster);
  return {
    clusters: read.cluster ? 1 : 0,
    addons: read.addons.length,
    accessEntries: read.accessEntries.length,
    podIdentityAssociations: read.podIdentityAssociations.length,
    logGroups: read.logGroups.length,
    roles: read.roles.length,
    enabledKeys: read.key?.KeyState === 'Enabled' ? 1 : 0,
  };
}

export const PRODUCTION_CLUSTER_COUNTS = {
  clusters: 1,
  addons: 3,
  // The platform team's and ArgoCD's.
  accessEntries: 2,
  // The VPC CNI add-on's, the load balancer controller's, Fluent Bit's and the
  // autoscaler's (the storage drivers' come with their add-ons, in the node group step).
  podIdentityAssociations: 4,
  // The control plane's logs and Fluent Bit's container logs.
  logGroups: 2,
  // Control plane, nodes, VPC CNI, EBS and EFS CSI drivers, load balancer controller,
  // Fluent Bit, Cluster Autoscaler.
  roles: 8,
  enabledKeys: 1,
};

export const NO_CLUSTER = {
  clusters: 0,
  addons: 0,
  accessEntries: 0,
  podIdentityAssociations: 0,
  logGroups: 0,
  roles: 0,
  enabledKeys: 0,
};

export { FAST_WAITS };
