/** What the cluster step's resource kinds share: clients, tags, ownership, waiting. */
import {
  clusterName,
  ResourceNode,
} from '@internal/plugin-eks-platform-common';
import type { ClusterClients } from '../../actions/cluster/clusterClients';
import {
  COMPONENT_TAG,
  componentTags,
  ENVIRONMENT_NAME_TAG,
  TagMap,
  TASK_ID_TAG,
} from '../../actions/shared/tagging';
import { waitWithProgress, WaiterTiming } from '../../actions/shared/waiting';
import type {
  ExistingResource,
  KindContext,
  ListFilter,
  ResourceHandler,
} from '../../engine/types';

export type ClusterContext = KindContext<ClusterClients>;
export type ClusterHandler = ResourceHandler<ClusterClients>;
/** The EKS and EC2 clients: what the node group step's kinds use. */
export type EksEc2Clients = Pick<ClusterClients, 'eks' | 'ec2'>;
export type EksEc2Handler = ResourceHandler<EksEc2Clients>;

/** The environment's cluster, which every EKS kind belongs to. */
export const clusterOf = (c: Pick<ClusterContext, 'spec'>) =>
  clusterName(c.spec);

/** The node's tags as a map (EKS), its role tag being its key. */
export const nodeTagMap = (
  c: Pick<ClusterContext, 'tags'>,
  node: ResourceNode,
): TagMap => componentTags(c.tags, node.key, node.name);

/** The same as a list of `{ Key, Value }` (IAM). */
export const nodeTagList = (c: ClusterContext, node: ResourceNode) =>
  Object.entries(nodeTagMap(c, node)).map(([Key, Value]) => ({ Key, Value }));

export const tagMapOf = (
  tags: { Key?: string; Value?: string }[] | undefined,
): TagMap =>
  Object.fromEntries((tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']));

/** A resource as the engine sees it, with the task that created it from its tags. */
export function existing(
  id: string,
  label: string,
  tags: TagMap | undefined,
  extra: Partial<ExistingResource> = {},
): ExistingResource {
  return {
    id,
    label,
    taskId: tags?.[TASK_ID_TAG],
    component: tags?.[COMPONENT_TAG],
    environment: tags?.[ENVIRONMENT_NAME_TAG],
    ...extra,
  };
}

/** Whether tags say the resource is the environment's (and the task's, in a rollback). */
export const isListed = (tags: TagMap | undefined, filter: ListFilter) =>
  tags?.[ENVIRONMENT_NAME_TAG] === filter.environmentName &&
  (!filter.taskId || tags?.[TASK_ID_TAG] === filter.taskId);

/** The last part of an EKS ARN: `…:addon/<cluster>/<addon>/<uuid>` → index from the end. */
export const arnPart = (arn: string, fromEnd: number) =>
  arn.split('/').slice(-1 - fromEnd)[0];

/** An SDK waiter, with the task's timing, abort signal and progress lines. */
export function waitFor(
  c: KindContext<unknown>,
  what: string,
  wait: (timing: WaiterTiming) => Promise<unknown>,
): Promise<unknown> {
  return waitWithProgress({
    logger: c.logger,
    what,
    settings: c.waitSettings,
    abortSignal: c.abortSignal,
    wait,
  });
}
