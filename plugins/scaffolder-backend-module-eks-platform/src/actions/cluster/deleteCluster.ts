/**
 * Tears down what the cluster action creates through the engine, in the reverse of the
 * graph's cluster step: add-ons and the admin access entry (only when the cluster itself
 * stays; otherwise they go with it), the cluster (waited until deleted, as the roles and
 * the key serve it), then the KMS key (alias deleted, deletion scheduled: KMS never deletes
 * a key at once) and the IAM roles (policies detached first). A cluster that cannot be
 * deleted keeps its key and roles.
 *
 * Safe to run again: it starts from what exists. With `taskId` (a rollback) it deletes only
 * what carries that task's tag; without, everything of the environment (for
 * `environment:destroy`, after the node groups).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  clusterGraph,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import {
  DeletedResource,
  destroyGraph,
  GraphDestroyError,
  listExisting,
  stepDestroyOptions,
} from '../../engine/destroy';
import { CLUSTER_HANDLERS } from '../../resources/cluster';
import type { WaitSettings } from '../shared/waiting';
import { ClusterClients } from './clusterClients';

export { KEY_DELETION_WINDOW_DAYS } from '../../resources/cluster';
export type DeletedClusterResource = DeletedResource;
export { GraphDestroyError as ClusterDeletionError };

export interface DeleteClusterOptions {
  /** Only what this task created (a rollback); everything of the environment otherwise. */
  taskId?: string;
  waitSettings?: WaitSettings;
}

export function clusterDestroy(
  clients: ClusterClients,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteClusterOptions,
) {
  return stepDestroyOptions({
    nodes: clusterGraph(spec),
    handlers: CLUSTER_HANDLERS,
    clients,
    spec,
    logger,
    ...options,
    what: 'cluster',
  });
}

/**
 * Deletes the cluster's resources of the environment (and of `options.taskId`), logging
 * each. Throws a `ClusterDeletionError` naming what failed and what remains.
 */
export function deleteCluster(
  clients: ClusterClients,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteClusterOptions = {},
): Promise<DeletedClusterResource[]> {
  return destroyGraph(clusterDestroy(clients, spec, logger, options));
}

/** One line per cluster resource that exists: "IAM role dpj-dev-cluster-node-role". */
export function listCluster(
  clients: ClusterClients,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteClusterOptions = {},
): Promise<string[]> {
  return listExisting(clusterDestroy(clients, spec, logger, options));
}
