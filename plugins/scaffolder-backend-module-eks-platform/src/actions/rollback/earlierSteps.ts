/**
 * A failed step of the environment template rolls back the whole environment its task
 * created, not only its own part: the cluster step also deletes the task's network, the
 * node group step the task's cluster and network. Only resources tagged with the task's
 * id are deleted, so an environment another task built is never touched.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  createClusterClients,
  destroyClusterClients,
} from '../cluster/clusterClients';
import { deleteCluster } from '../cluster/deleteCluster';
import { environmentNetworkDestroy } from '../network/deleteNetwork';
import { destroyGraph } from '../../engine/destroy';
import type { WaitSettings } from '../shared/waiting';

export type EarlierStep = 'cluster' | 'network';

export interface EarlierStepsRollback {
  aws: Pick<AwsClientFactory, 'create'>;
  spec: EnvironmentSpec;
  taskId: string;
  logger: Pick<LoggerService, 'info' | 'warn'>;
  waitSettings: WaitSettings;
  clusterWaitSettings: WaitSettings;
}

/** Deletes what the task created in the given earlier steps, later steps first. */
export async function rollBackEarlierSteps(
  steps: EarlierStep[],
  options: EarlierStepsRollback,
): Promise<{ label: string }[]> {
  const { spec, taskId, logger } = options;
  const clients = await createClusterClients(options.aws, {
    accountId: spec.account,
    region: spec.region,
  });
  try {
    const deleted: { label: string }[] = [];
    if (steps.includes('cluster')) {
      logger.warn(`Rolling back the cluster task ${taskId} created`);
      deleted.push(
        ...(await deleteCluster(clients, spec, logger, {
          taskId,
          waitSettings: options.clusterWaitSettings,
        })),
      );
    }
    if (steps.includes('network')) {
      logger.warn(`Rolling back the network task ${taskId} created`);
      // With what the cluster made in the task's VPC: EKS's own security group outlives
      // a just-deleted cluster for a while and would keep the VPC from being deleted.
      deleted.push(
        ...(await destroyGraph(
          environmentNetworkDestroy(clients, spec, logger, {
            taskId,
            waitSettings: options.waitSettings,
          }),
        )),
      );
    }
    return deleted;
  } finally {
    destroyClusterClients(clients);
  }
}

/** What a failed rollback of any step left, from its error. */
export function remainingAfter(rollbackError: unknown): string[] | undefined {
  const remaining = (rollbackError as { remaining?: unknown })?.remaining;
  return Array.isArray(remaining) ? remaining.map(String) : undefined;
}
