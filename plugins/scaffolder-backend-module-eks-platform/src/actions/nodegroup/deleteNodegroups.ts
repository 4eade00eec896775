/**
 * Removes what the node group action creates, found by tags, in reverse dependency order:
 * the after-nodes add-ons, the node groups (waiting until they are gone, since they use
 * their launch templates), then the launch templates.
 *
 * Safe to run again: it starts from what exists now, and what is already gone counts as
 * deleted. With `taskId`, only what that task created (the action's rollback); without it,
 * everything of the environment (for `environment:destroy`).
 */
import { DeleteLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DeleteAddonCommand,
  DeleteNodegroupCommand,
  EKSClient,
  waitUntilAddonDeleted,
  waitUntilNodegroupDeleted,
} from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { awsErrorCode, errorMessage } from '../shared/awsErrors';
import { ENVIRONMENT_NAME_TAG, TASK_ID_TAG, tagValue } from '../shared/tagging';
import {
  DEFAULT_WAIT_SETTINGS,
  waitWithProgress,
  WaitSettings,
} from '../shared/waiting';
import { discoverNodegroups } from './discovery';

export interface DeleteNodegroupsOptions {
  clusterName: string;
  environmentName: string;
  /** Only what this task created. */
  taskId?: string;
  logger: Pick<LoggerService, 'info' | 'warn'>;
  waitSettings?: WaitSettings;
  abortSignal?: AbortSignal;
}

export interface DeletedNodegroupResource {
  type: 'AWS::EKS::Addon' | 'AWS::EKS::Nodegroup' | 'AWS::EC2::LaunchTemplate';
  id: string;
  label: string;
}

export class NodegroupDeletionError extends Error {
  readonly name = 'NodegroupDeletionError';
  constructor(message: string, readonly remaining: string[]) {
    super(message);
  }
}

const gone = (error: unknown) =>
  ['ResourceNotFoundException', 'InvalidLaunchTemplateId.NotFound'].includes(
    awsErrorCode(error) ?? '',
  );

export async function deleteNodegroups(
  clients: { eks: EKSClient; ec2: EC2Client },
  options: DeleteNodegroupsOptions,
): Promise<DeletedNodegroupResource[]> {
  const { eks, ec2 } = clients;
  const { clusterName, environmentName, taskId, logger } = options;
  const settings = options.waitSettings ?? DEFAULT_WAIT_SETTINGS;
  const ours = (tags: Record<string, string> | undefined) =>
    tags?.[ENVIRONMENT_NAME_TAG] === environmentName &&
    (!taskId || tags?.[TASK_ID_TAG] === taskId);
  const inventory = await discoverNodegroups(
    eks,
    ec2,
    clusterName,
    environmentName,
  );
  const deleted: DeletedNodegroupResource[] = [];
  const failures: string[] = [];
  const timing = (what: string) => ({
    logger,
    what,
    settings,
    abortSignal: options.abortSignal,
  });

  // 1. Add-ons installed after the nodes.
  const addons = [...inventory.addons.values()].filter(a => ours(a.tags));
  await Promise.all(
    addons.map(async addon => {
      const addonName = addon.addonName!;
      try {
        if (addon.status !== 'DELETING') {
          await eks.send(new DeleteAddonCommand({ clusterName, addonName }));
        }
        await waitWithProgress({
          ...timing(`add-on ${addonName} to be deleted`),
          wait: t =>
            waitUntilAddonDeleted(
              { client: eks, ...t },
              { clusterName, addonName },
            ),
        });
        deleted.push({
          type: 'AWS::EKS::Addon',
          id: addonName,
          label: `add-on ${addonName}`,
        });
      } catch (error) {
        if (gone(error)) return;
        failures.push(`add-on ${addonName} (${errorMessage(error)})`);
      }
    }),
  );

  // 2. Node groups, in parallel, waiting until each is gone.
  const nodegroups = [...inventory.nodegroups.values()].filter(n =>
    ours(n.tags),
  );
  await Promise.all(
    nodegroups.map(async nodegroup => {
      const nodegroupName = nodegroup.nodegroupName!;
      try {
        if (nodegroup.status !== 'DELETING') {
          await eks.send(
            new DeleteNodegroupCommand({ clusterName, nodegroupName }),
          );
          logger.info(`Deleting node group ${nodegroupName}`);
        }
        await waitWithProgress({
          ...timing(`node group ${nodegroupName} to be deleted`),
          wait: t =>
            waitUntilNodegroupDeleted(
              { client: eks, ...t },
              { clusterName, nodegroupName },
            ),
        });
        deleted.push({
          type: 'AWS::EKS::Nodegroup',
          id: nodegroupName,
          label: `node group ${nodegroupName}`,
        });
      } catch (error) {
        if (gone(error)) return;
        failures.push(`node group ${nodegroupName} (${errorMessage(error)})`);
      }
    }),
  );

  // 3. Launch templates, once no node group uses them.
  const templates = inventory.launchTemplates.filter(
    t => !taskId || tagValue(t.Tags, TASK_ID_TAG) === taskId,
  );
  if (failures.length === 0) {
    for (const template of templates) {
      const id = template.LaunchTemplateId!;
      try {
        await ec2.send(
          new DeleteLaunchTemplateCommand({ LaunchTemplateId: id }),
        );
        deleted.push({
          type: 'AWS::EC2::LaunchTemplate',
          id,
          label: `launch template ${id} (${template.LaunchTemplateName})`,
        });
        logger.info(
          `Deleted launch template ${id} (${template.LaunchTemplateName})`,
        );
      } catch (error) {
        if (gone(error)) continue;
        failures.push(`launch template ${id} (${errorMessage(error)})`);
      }
    }
  } else {
    failures.push(
      ...templates.map(
        t => `launch template ${t.LaunchTemplateId} (kept: node groups remain)`,
      ),
    );
  }
  if (failures.length) {
    throw new NodegroupDeletionError(
      `Could not delete ${failures.join(', ')}`,
      failures,
    );
  }
  return deleted;
}
