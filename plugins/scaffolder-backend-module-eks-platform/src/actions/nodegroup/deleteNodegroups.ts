/**
 * Removes what the node group action creates through the engine, in the reverse of the
 * graph's node group step: the after-nodes add-ons, the node groups (waited until gone,
 * since they use their launch templates), then the launch templates. Node groups and
 * launch templates are found by the environment's tags, so groups the task was given
 * instead of the preset's go too.
 *
 * Safe to run again: it starts from what exists now. With `taskId`, only what that task
 * created (the action's rollback); without it, everything of the environment (for
 * `environment:destroy`).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  EnvironmentSpec,
  nodegroupGraph,
} from '@internal/plugin-eks-platform-common';
import {
  DeletedResource,
  destroyGraph,
  GraphDestroyError,
  stepDestroyOptions,
} from '../../engine/destroy';
import type { EksEc2Clients } from '../../resources/cluster/clusterResources';
import { NODEGROUP_HANDLERS } from '../../resources/nodegroup';
import type { WaitSettings } from '../shared/waiting';

export { GraphDestroyError as NodegroupDeletionError };

export interface DeleteNodegroupsOptions {
  /** Only what this task created. */
  taskId?: string;
  logger: Pick<LoggerService, 'info' | 'warn'>;
  waitSettings?: WaitSettings;
}

export type DeletedNodegroupResource = DeletedResource;

export function nodegroupDestroy(
  clients: EksEc2Clients,
  spec: EnvironmentSpec,
  { logger, ...options }: DeleteNodegroupsOptions,
) {
  return stepDestroyOptions({
    nodes: nodegroupGraph(spec),
    handlers: NODEGROUP_HANDLERS,
    clients,
    spec,
    logger,
    ...options,
    what: 'node groups',
  });
}

export function deleteNodegroups(
  clients: EksEc2Clients,
  spec: EnvironmentSpec,
  options: DeleteNodegroupsOptions,
): Promise<DeletedNodegroupResource[]> {
  return destroyGraph(nodegroupDestroy(clients, spec, options));
}
