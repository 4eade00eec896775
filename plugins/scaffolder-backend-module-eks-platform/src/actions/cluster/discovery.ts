/**
 * Read-only inventory of what the cluster action manages for an environment: its IAM roles
 * (found by name), KMS key (by alias, and by tags for one whose alias was never made), the
 * cluster, the admin access entry and the add-ons. Taken before any change: the preflight,
 * the dry run, the checkpoint liveness and the rollback all work from it.
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
import { COMPONENT_TAG, ENVIRONMENT_NAME_TAG, TagMap } from '../shared/tagging';
import { ClusterClients, unlessMissing } from './clusterClients';
import {
  CLUSTER_KEYS,
  ClusterNames,
  EKS_CLUSTER_ADMIN_POLICY_ARN,
} from './clusterPlan';
import { findKeysByTags, TaggedKey } from './kmsKeysByTag';

export interface ClusterInventory {
  roles: { clusterRole?: Role; nodeRole?: Role; vpcCniRole?: Role };
  /**
   * The key to use: the one the alias names when it is enabled, else the oldest enabled key
   * tagged as the environment's secrets key (a create interrupted before its alias).
   */
  key?: { metadata: KeyMetadata; tags: TagMap; aliased: boolean };
  /**
   * The other keys tagged as the environment's secrets key, not pending deletion: left by
   * interrupted creates, or disabled. They go with the environment.
   */
  otherKeys: TaggedKey[];
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
  let aliasedKey: TaggedKey | undefined;
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
      aliasedKey = {
        metadata,
        tags: Object.fromEntries(Tags.map(t => [t.TagKey!, t.TagValue!])),
      };
    } else {
      staleAlias = true;
    }
  }
  const tagged = (
    await findKeysByTags(kms, {
      [ENVIRONMENT_NAME_TAG]: names.environment,
      [COMPONENT_TAG]: CLUSTER_KEYS.secretsKey,
    })
  ).filter(k => k.metadata.KeyId !== aliasedKey?.metadata.KeyId);
  // Without a usable alias, the oldest enabled key tagged as ours is the one to alias.
  const unaliased = aliasedKey
    ? undefined
    : tagged.find(k => k.metadata.KeyState === 'Enabled');
  let key: ClusterInventory['key'];
  if (aliasedKey) key = { ...aliasedKey, aliased: true };
  else if (unaliased) key = { ...unaliased, aliased: false };
  const otherKeys = tagged.filter(k => k !== unaliased);

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
    otherKeys,
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
    ...inventory.otherKeys.map(k => `KMS key ${k.metadata.KeyId} (no alias)`),
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
