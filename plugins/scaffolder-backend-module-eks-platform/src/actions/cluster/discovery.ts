/**
 * Read-only inventory of what the cluster action manages for an environment: its IAM roles
 * and KMS key (found by name and alias), the cluster, the admin access entry and the
 * add-ons. Taken before any change: the preflight, the dry run, the checkpoint liveness and
 * the rollback all work from it.
 */
import {
  Addon,
  AccessEntry,
  Cluster,
  DescribeAccessEntryCommand,
  DescribeAddonCommand,
  DescribeClusterCommand,
  ListAssociatedAccessPoliciesCommand,
} from '@aws-sdk/client-eks';
import { GetRoleCommand, Role } from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  KeyMetadata,
  ListResourceTagsCommand,
  paginateListAliases,
} from '@aws-sdk/client-kms';
import { ADDONS_BEFORE_NODES } from '@internal/plugin-eks-platform-common';
import { TagMap } from '../shared/tagging';
import { ClusterClients, unlessMissing } from './clusterClients';
import { ClusterNames, EKS_CLUSTER_ADMIN_POLICY_ARN } from './clusterPlan';

export interface ClusterInventory {
  roles: { clusterRole?: Role; nodeRole?: Role; vpcCniRole?: Role };
  /** The key the alias names, unless it is pending deletion. */
  key?: { metadata: KeyMetadata; tags: TagMap };
  /** The alias exists but names a key pending deletion (or disabled): re-pointed on create. */
  staleAlias: boolean;
  /** A cluster of that name in any state. */
  cluster?: Cluster;
  adminAccess?: { entry: AccessEntry; adminPolicy: boolean };
  addons: Record<string, Addon>;
}

export const roleTags = (role: Role | undefined): TagMap =>
  Object.fromEntries((role?.Tags ?? []).map(t => [t.Key!, t.Value ?? '']));

export const isLiveCluster = (cluster: Cluster | undefined) =>
  cluster !== undefined &&
  ['CREATING', 'ACTIVE', 'UPDATING', 'PENDING'].includes(cluster.status ?? '');

export const isLiveAddon = (addon: Addon | undefined) =>
  addon !== undefined &&
  !['DELETING', 'CREATE_FAILED', 'DELETE_FAILED'].includes(addon.status ?? '');

export async function discoverCluster(
  clients: ClusterClients,
  names: ClusterNames,
  adminPrincipalArn?: string,
): Promise<ClusterInventory> {
  const { eks, iam, kms } = clients;
  const role = (RoleName: string) =>
    unlessMissing(() => iam.send(new GetRoleCommand({ RoleName }))).then(
      r => r?.Role,
    );
  const [clusterRole, nodeRole, vpcCniRole] = await Promise.all([
    role(names.clusterRole),
    role(names.nodeRole),
    role(names.vpcCniRole),
  ]);

  let aliasTarget: string | undefined;
  for await (const page of paginateListAliases({ client: kms }, {})) {
    const alias = page.Aliases?.find(a => a.AliasName === names.kmsAlias);
    if (alias) {
      aliasTarget = alias.TargetKeyId;
      break;
    }
  }
  let key: ClusterInventory['key'];
  let staleAlias = false;
  if (aliasTarget) {
    const metadata = (
      await unlessMissing(() =>
        kms.send(new DescribeKeyCommand({ KeyId: aliasTarget })),
      )
    )?.KeyMetadata;
    if (metadata && metadata.KeyState === 'Enabled') {
      const { Tags = [] } = await kms.send(
        new ListResourceTagsCommand({ KeyId: metadata.KeyId }),
      );
      key = {
        metadata,
        tags: Object.fromEntries(Tags.map(t => [t.TagKey!, t.TagValue!])),
      };
    } else {
      staleAlias = true;
    }
  }

  const cluster = (
    await unlessMissing(() =>
      eks.send(new DescribeClusterCommand({ name: names.cluster })),
    )
  )?.cluster;

  let adminAccess: ClusterInventory['adminAccess'];
  const addons: Record<string, Addon> = {};
  if (cluster && cluster.status === 'ACTIVE') {
    if (adminPrincipalArn) {
      const entry = (
        await unlessMissing(() =>
          eks.send(
            new DescribeAccessEntryCommand({
              clusterName: names.cluster,
              principalArn: adminPrincipalArn,
            }),
          ),
        )
      )?.accessEntry;
      if (entry) {
        const { associatedAccessPolicies = [] } = await eks.send(
          new ListAssociatedAccessPoliciesCommand({
            clusterName: names.cluster,
            principalArn: adminPrincipalArn,
          }),
        );
        adminAccess = {
          entry,
          adminPolicy: associatedAccessPolicies.some(
            p =>
              p.policyArn === EKS_CLUSTER_ADMIN_POLICY_ARN &&
              p.accessScope?.type === 'cluster',
          ),
        };
      }
    }
    await Promise.all(
      ADDONS_BEFORE_NODES.map(async addonName => {
        const addon = (
          await unlessMissing(() =>
            eks.send(
              new DescribeAddonCommand({
                clusterName: names.cluster,
                addonName,
              }),
            ),
          )
        )?.addon;
        if (addon) addons[addonName] = addon;
      }),
    );
  }
  return {
    roles: { clusterRole, nodeRole, vpcCniRole },
    key,
    staleAlias,
    cluster,
    adminAccess,
    addons,
  };
}

/** Ids (ARNs) of what exists and can be reused: the checkpoints' liveness test. */
export function liveKeysOf(inventory: ClusterInventory): Set<string> {
  const keys = new Set<string>();
  for (const role of Object.values(inventory.roles)) {
    if (role?.Arn) keys.add(role.Arn);
  }
  if (inventory.key?.metadata.Arn) keys.add(inventory.key.metadata.Arn);
  if (isLiveCluster(inventory.cluster)) keys.add(inventory.cluster!.arn!);
  if (inventory.adminAccess?.adminPolicy) {
    keys.add(inventory.adminAccess.entry.accessEntryArn!);
  }
  for (const addon of Object.values(inventory.addons)) {
    if (isLiveAddon(addon)) keys.add(addon.addonArn!);
  }
  return keys;
}

/** "IAM role dpj-prod-cluster-cluster-role, …", for error messages. */
export function describeClusterInventory(
  inventory: ClusterInventory,
): string[] {
  return [
    ...Object.values(inventory.roles)
      .filter((r): r is Role => r !== undefined)
      .map(r => `IAM role ${r.RoleName}`),
    ...(inventory.key ? [`KMS key ${inventory.key.metadata.KeyId}`] : []),
    ...(inventory.cluster
      ? [`EKS cluster ${inventory.cluster.name} (${inventory.cluster.status})`]
      : []),
    ...(inventory.adminAccess
      ? [`access entry ${inventory.adminAccess.entry.principalArn}`]
      : []),
    ...Object.values(inventory.addons).map(
      a => `add-on ${a.addonName} ${a.addonVersion}`,
    ),
  ];
}
