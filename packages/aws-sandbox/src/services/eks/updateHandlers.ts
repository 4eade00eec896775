import { randomUUID } from 'node:crypto';
import {
  DescribeUpdateResponse,
  ListUpdatesResponse,
  Taint,
  UpdateNodegroupConfigRequest,
  UpdateNodegroupConfigResponse,
  UpdateParam,
} from '@aws-sdk/client-eks';
import { liveClusterOrThrow } from './clusterHandlers';
import { invalidParameter, resourceInUse, resourceNotFound } from './eksErrors';
import { StoredUpdate } from './eksStore';
import { EksHandler, requestOf } from './handlerTypes';
import { liveNodegroupOrThrow, checkTaintEffects } from './nodegroupHandlers';
import { checkScaling, nodegroupView } from './nodegroups';

/** A scaling or label change settles in about a minute on AWS. */
const NODEGROUP_CONFIG_UPDATE_SECONDS = 60;

const sameTaint = (a: Taint, b: Taint) =>
  a.key === b.key && a.effect === b.effect;

/**
 * An update as DescribeUpdate and the Update* calls answer it: once its time is over,
 * Successful, or Failed with its error when it was bound to fail.
 */
export function updateView(stored: StoredUpdate, now: number) {
  if (now < stored.completesAt) {
    return { ...stored.update, status: 'InProgress' as const };
  }
  return stored.failure
    ? {
        ...stored.update,
        status: 'Failed' as const,
        errors: [...(stored.update.errors ?? []), stored.failure],
      }
    : { ...stored.update, status: 'Successful' as const };
}

const updateNodegroupConfig: EksHandler = call => {
  const input = requestOf<UpdateNodegroupConfigRequest>(call);
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const stored = liveNodegroupOrThrow(call, cluster, call.params.nodegroupName);
  const { clock } = call.context;
  const now = clock.nowMillis();
  // A retried request is the update it already made: clientRequestToken "ensures the
  // idempotency of the request" (EKS API Reference, UpdateNodegroupConfig).
  const repeated =
    input.clientRequestToken &&
    cluster.updates.find(
      u =>
        u.clientRequestToken === input.clientRequestToken &&
        u.nodegroupName === stored.nodegroup.nodegroupName,
    );
  if (repeated) {
    const answer: UpdateNodegroupConfigResponse = {
      update: updateView(repeated, now),
    };
    return answer;
  }
  if (nodegroupView(stored, now).status !== 'ACTIVE') {
    throw resourceInUse(
      'Nodegroup cannot be updated as it is currently not in Active State',
    );
  }
  const nodegroup = stored.nodegroup;
  const params: UpdateParam[] = [];
  const scaling = { ...nodegroup.scalingConfig, ...input.scalingConfig };
  const nextScaling = {
    minSize: scaling.minSize ?? 0,
    maxSize: scaling.maxSize ?? 1,
    desiredSize: scaling.desiredSize ?? 0,
  };
  checkScaling(nextScaling);
  const added = input.labels?.addOrUpdateLabels ?? {};
  const removed = input.labels?.removeLabels ?? [];
  const clash = removed.find(key => key in added);
  if (clash)
    throw invalidParameter(
      `The label ${clash} cannot be both added and removed`,
    );
  checkTaintEffects(input.taints?.addOrUpdateTaints ?? []);

  if (input.scalingConfig) {
    nodegroup.scalingConfig = nextScaling;
    const sizes = input.scalingConfig;
    if (sizes.minSize !== undefined)
      params.push({ type: 'MinSize', value: String(sizes.minSize) });
    if (sizes.maxSize !== undefined)
      params.push({ type: 'MaxSize', value: String(sizes.maxSize) });
    if (sizes.desiredSize !== undefined) {
      params.push({ type: 'DesiredSize', value: String(sizes.desiredSize) });
    }
  }
  if (input.labels) {
    const labels = { ...nodegroup.labels, ...added };
    for (const key of removed) delete labels[key];
    nodegroup.labels = labels;
    if (Object.keys(added).length)
      params.push({ type: 'LabelsToAdd', value: JSON.stringify(added) });
    if (removed.length)
      params.push({ type: 'LabelsToRemove', value: JSON.stringify(removed) });
  }
  if (input.taints) {
    const toAdd = input.taints.addOrUpdateTaints ?? [];
    const toRemove = input.taints.removeTaints ?? [];
    nodegroup.taints = [
      ...(nodegroup.taints ?? []).filter(
        t =>
          !toAdd.some(a => sameTaint(a, t)) &&
          !toRemove.some(r => sameTaint(r, t)),
      ),
      ...toAdd,
    ];
    if (toAdd.length)
      params.push({ type: 'TaintsToAdd', value: JSON.stringify(toAdd) });
    if (toRemove.length)
      params.push({ type: 'TaintsToRemove', value: JSON.stringify(toRemove) });
  }
  nodegroup.modifiedAt = new Date(now);
  const completesAt = now + clock.scaledMillis(NODEGROUP_CONFIG_UPDATE_SECONDS);
  stored.updatingUntil = completesAt;
  const update: StoredUpdate = {
    update: {
      id: randomUUID(),
      type: 'ConfigUpdate',
      params,
      createdAt: new Date(now),
      errors: [],
    },
    completesAt,
    nodegroupName: nodegroup.nodegroupName,
    clientRequestToken: input.clientRequestToken,
  };
  cluster.updates.push(update);
  const result: UpdateNodegroupConfigResponse = {
    update: updateView(update, now),
  };
  return result;
};

const describeUpdate: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.name);
  const nodegroupName = call.query.get('nodegroupName') ?? undefined;
  const addonName = call.query.get('addonName') ?? undefined;
  const stored = cluster.updates.find(
    candidate =>
      candidate.update.id === call.params.updateId &&
      candidate.nodegroupName === nodegroupName &&
      candidate.addonName === addonName,
  );
  if (!stored)
    throw resourceNotFound(`No update found for ID: ${call.params.updateId}`);
  const result: DescribeUpdateResponse = {
    update: updateView(stored, call.context.clock.nowMillis()),
  };
  return result;
};

/** ListUpdates: the ids of a cluster's, a node group's or an add-on's updates. */
const listUpdates: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.name);
  const nodegroupName = call.query.get('nodegroupName') ?? undefined;
  const addonName = call.query.get('addonName') ?? undefined;
  const result: ListUpdatesResponse = {
    updateIds: cluster.updates
      .filter(
        u => u.nodegroupName === nodegroupName && u.addonName === addonName,
      )
      .map(u => u.update.id ?? ''),
  };
  return result;
};

export const UPDATE_HANDLERS: Record<string, EksHandler> = {
  ListUpdates: listUpdates,
  UpdateNodegroupConfig: updateNodegroupConfig,
  DescribeUpdate: describeUpdate,
};
