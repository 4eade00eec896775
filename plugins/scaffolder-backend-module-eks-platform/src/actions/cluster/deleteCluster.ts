/**
 * Tears down what the cluster action creates, found by name, alias and tags, in reverse
 * dependency order: add-ons (only when the cluster itself stays), the admin access entry
 * (likewise), the cluster (waiting until deleted, as the roles and the key serve it), the
 * KMS keys (alias deleted, key scheduled for deletion: KMS never deletes a key at once;
 * a key tagged as the environment's but never aliased goes too),
 * then the IAM roles (policies detached and inline ones deleted first).
 *
 * Safe to run again: it starts from what exists, and a resource already gone counts as
 * deleted. With `taskId` (a rollback) it deletes only what carries that task's tag;
 * without, everything of the environment (for `environment:destroy`, after the node groups).
 */
import {
  DeleteAccessEntryCommand,
  DeleteAddonCommand,
  DeleteClusterCommand,
  waitUntilAddonDeleted,
  waitUntilClusterDeleted,
} from '@aws-sdk/client-eks';
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  DeleteAliasCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { errorMessage } from '../shared/awsErrors';
import { ENVIRONMENT_NAME_TAG, TagMap, TASK_ID_TAG } from '../shared/tagging';
import {
  DEFAULT_WAIT_SETTINGS,
  waitWithProgress,
  WaitSettings,
} from '../shared/waiting';
import { ClusterClients, isMissing } from './clusterClients';
import { ClusterNames } from './clusterPlan';
import {
  describeClusterInventory,
  discoverCluster,
  roleTags,
} from './discovery';

/** KMS's shortest waiting period: the key can still be recovered for a week. */
export const KEY_DELETION_WINDOW_DAYS = 7;

export interface DeletedClusterResource {
  kind: string;
  id: string;
  label: string;
}

export interface DeleteClusterOptions {
  /** Only what this task created (a rollback); everything of the environment otherwise. */
  taskId?: string;
  /** The admin principal whose access entry to delete when the cluster stays. */
  adminPrincipalArn?: string;
  waitSettings?: WaitSettings;
}

export class ClusterDeletionError extends Error {
  readonly name = 'ClusterDeletionError';
  constructor(
    message: string,
    readonly deleted: DeletedClusterResource[],
    readonly remaining: string[],
  ) {
    super(message);
  }
}

export async function deleteCluster(
  clients: ClusterClients,
  names: ClusterNames,
  environmentName: string,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteClusterOptions = {},
): Promise<DeletedClusterResource[]> {
  const { eks, iam, kms } = clients;
  const waitSettings = options.waitSettings ?? DEFAULT_WAIT_SETTINGS;
  const inventory = await discoverCluster(
    clients,
    names,
    options.adminPrincipalArn,
  );
  /** Ours: the environment's, and the task's when rolling back. */
  const owned = (tags: TagMap | undefined) =>
    tags?.[ENVIRONMENT_NAME_TAG] === environmentName &&
    (!options.taskId || tags?.[TASK_ID_TAG] === options.taskId);
  const deleted: DeletedClusterResource[] = [];
  const failures: string[] = [];
  const attempt = async (
    kind: string,
    id: string,
    remove: () => Promise<unknown>,
  ) => {
    const label = `${kind} ${id}`;
    try {
      await remove();
      logger.info(`Deleted ${label}`);
      deleted.push({ kind, id, label });
      return true;
    } catch (error) {
      if (isMissing(error)) {
        logger.info(`${label} was already deleted`);
        deleted.push({ kind, id, label });
        return true;
      }
      logger.warn(`Could not delete ${label}: ${errorMessage(error)}`);
      failures.push(`${label}: ${errorMessage(error)}`);
      return false;
    }
  };

  const cluster = inventory.cluster;
  const clusterGoes = cluster !== undefined && owned(cluster.tags);
  if (cluster && !clusterGoes) {
    // The cluster stays: only this task's add-ons and access entry go.
    const addons = Object.values(inventory.addons).filter(
      a => owned(a.tags) && a.status !== 'DELETING',
    );
    for (const addon of addons) {
      await attempt('EKS add-on', addon.addonName!, () =>
        eks.send(
          new DeleteAddonCommand({
            clusterName: names.cluster,
            addonName: addon.addonName,
          }),
        ),
      );
    }
    for (const addon of addons) {
      try {
        await waitWithProgress({
          logger,
          what: `add-on ${addon.addonName} to be deleted`,
          settings: waitSettings,
          wait: timing =>
            waitUntilAddonDeleted(
              { client: eks, ...timing },
              { clusterName: names.cluster, addonName: addon.addonName },
            ),
        });
      } catch (error) {
        failures.push(`add-on ${addon.addonName}: ${errorMessage(error)}`);
      }
    }
    const access = inventory.adminAccess?.entry;
    if (access && owned(access.tags)) {
      await attempt('access entry', access.principalArn!, () =>
        eks.send(
          new DeleteAccessEntryCommand({
            clusterName: names.cluster,
            principalArn: access.principalArn,
          }),
        ),
      );
    }
  } else if (cluster && clusterGoes) {
    // Add-ons and access entries go with the cluster.
    const requested =
      cluster.status === 'DELETING' ||
      (await attempt('EKS cluster', names.cluster, () =>
        eks.send(new DeleteClusterCommand({ name: names.cluster })),
      ));
    if (requested) {
      try {
        await waitWithProgress({
          logger,
          what: `cluster ${names.cluster} to be deleted`,
          settings: waitSettings,
          wait: timing =>
            waitUntilClusterDeleted(
              { client: eks, ...timing },
              { name: names.cluster },
            ),
        });
      } catch (error) {
        failures.push(
          `cluster ${names.cluster} not deleted within ${
            waitSettings.maxWaitTimeSeconds
          }s: ${errorMessage(error).slice(0, 300)}`,
        );
      }
    }
  }
  const clusterStays =
    cluster !== undefined && (!clusterGoes || failures.length > 0);

  // The aliased key and any tagged one without alias (a create stopped before its alias).
  const encryptsCluster = (arn: string | undefined) =>
    (cluster?.encryptionConfig ?? []).some(e => e.provider?.keyArn === arn);
  const keys = [
    ...(inventory.key ? [inventory.key] : []),
    ...inventory.otherKeys.map(k => ({ ...k, aliased: false })),
  ].filter(k => owned(k.tags));
  for (const key of keys) {
    const keyId = key.metadata.KeyId!;
    if (clusterStays && (key.aliased || encryptsCluster(key.metadata.Arn))) {
      failures.push(
        `KMS key ${keyId} kept: cluster ${names.cluster} still encrypts its secrets with it`,
      );
      continue;
    }
    if (key.aliased) {
      await attempt('KMS alias', names.kmsAlias, () =>
        kms.send(new DeleteAliasCommand({ AliasName: names.kmsAlias })),
      );
    }
    await attempt(
      `KMS key (deletion scheduled in ${KEY_DELETION_WINDOW_DAYS} days)`,
      keyId,
      () =>
        kms.send(
          new ScheduleKeyDeletionCommand({
            KeyId: keyId,
            PendingWindowInDays: KEY_DELETION_WINDOW_DAYS,
          }),
        ),
    );
  }

  for (const role of Object.values(inventory.roles)) {
    if (!role || !owned(roleTags(role))) continue;
    if (clusterStays && role.RoleName === names.clusterRole) {
      failures.push(
        `IAM role ${role.RoleName} kept: cluster ${names.cluster} still uses it`,
      );
      continue;
    }
    await attempt('IAM role', role.RoleName!, async () => {
      const { AttachedPolicies = [] } = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName: role.RoleName }),
      );
      for (const policy of AttachedPolicies) {
        await iam.send(
          new DetachRolePolicyCommand({
            RoleName: role.RoleName,
            PolicyArn: policy.PolicyArn,
          }),
        );
      }
      const { PolicyNames = [] } = await iam.send(
        new ListRolePoliciesCommand({ RoleName: role.RoleName }),
      );
      for (const PolicyName of PolicyNames) {
        await iam.send(
          new DeleteRolePolicyCommand({ RoleName: role.RoleName, PolicyName }),
        );
      }
      await iam.send(new DeleteRoleCommand({ RoleName: role.RoleName }));
    });
  }

  if (failures.length > 0) {
    const remaining = describeClusterInventory(
      await discoverCluster(clients, names, options.adminPrincipalArn),
    );
    throw new ClusterDeletionError(
      `Could not delete the whole cluster of ${environmentName}:\n${failures
        .map(f => `- ${f}`)
        .join('\n')}\nStill there: ${remaining.join(', ') || 'nothing'}`,
      deleted,
      remaining,
    );
  }
  return deleted;
}
