/**
 * Counts every resource of one sandbox account and region through the AWS SDK, tagged
 * or not: comparing counts before and after a task shows duplicates and orphans alike.
 */
import {
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeLaunchTemplatesCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  EKSClient,
  ListAddonsCommand,
  ListClustersCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';

export type Inventory = Record<string, number>;

export async function accountInventory(options: {
  endpoint: string;
  accessKeyId: string;
  region: string;
}): Promise<Inventory> {
  const config = {
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: 'x' },
  };
  const ec2 = new EC2Client(config);
  const eks = new EKSClient(config);
  const iam = new IAMClient(config);
  const kms = new KMSClient(config);
  try {
    const { clusters = [] } = await eks.send(new ListClustersCommand({}));
    let nodegroups = 0;
    let addons = 0;
    for (const clusterName of clusters) {
      const groups = await eks.send(new ListNodegroupsCommand({ clusterName }));
      nodegroups += groups.nodegroups?.length ?? 0;
      const installed = await eks.send(new ListAddonsCommand({ clusterName }));
      addons += installed.addons?.length ?? 0;
    }
    const natGateways = (
      (await ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways ?? []
    ).filter(nat => nat.State !== 'deleted');
    return {
      vpcs: ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).length,
      subnets: ((await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [])
        .length,
      internetGateways: (
        (await ec2.send(new DescribeInternetGatewaysCommand({})))
          .InternetGateways ?? []
      ).length,
      routeTables: (
        (await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables ?? []
      ).length,
      // What the template's actions make: not the groups the cluster's load balancer
      // controller adds once ArgoCD has synced, at a time of its own.
      securityGroups: (
        (await ec2.send(new DescribeSecurityGroupsCommand({})))
          .SecurityGroups ?? []
      ).filter(g => !g.Tags?.some(t => t.Key === 'elbv2.k8s.aws/cluster'))
        .length,
      elasticIps: (
        (await ec2.send(new DescribeAddressesCommand({}))).Addresses ?? []
      ).length,
      natGateways: natGateways.length,
      launchTemplates: (
        (await ec2.send(new DescribeLaunchTemplatesCommand({})))
          .LaunchTemplates ?? []
      ).length,
      clusters: clusters.length,
      nodegroups,
      addons,
      roles: ((await iam.send(new ListRolesCommand({}))).Roles ?? []).length,
      kmsAliases: ((await kms.send(new ListAliasesCommand({}))).Aliases ?? [])
        .length,
    };
  } finally {
    [ec2, eks, iam, kms].forEach(client => client.destroy());
  }
}

/** after − before, per resource kind. */
export function inventoryDelta(before: Inventory, after: Inventory): Inventory {
  return Object.fromEntries(
    Object.keys(after).map(kind => [kind, after[kind] - (before[kind] ?? 0)]),
  );
}
