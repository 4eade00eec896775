/**
 * The add-on and node group halves of an upgrade, after the control plane's:
 * - UpdateAddon moves a managed add-on to a version DescribeAddonVersions lists for the
 *   cluster's current Kubernetes version ("Addon version specified is not supported"
 *   otherwise); it is UPDATING for ADDON_UPDATE_SECONDS, an `AddonUpdate` update.
 * - UpdateNodegroupVersion rolls a node group to the control plane's version (the default)
 *   or an older one, never a newer one; EKS replaces the nodes one batch at a time
 *   (`maxUnavailable` nodes, or `maxUnavailablePercentage` of them), so it lasts
 *   NODE_ROLL_SECONDS per batch
 *   ("Understand each phase of node updates", EKS User Guide). Its wording of a version
 *   above the control plane's is the sandbox's.
 * - Without `force`, a node group whose nodes hold a pod a PodDisruptionBudget will not
 *   let go fails after EKS's 15-minute drain (EKS User Guide, "Understand each phase of
 *   node updates", upgrade phase): status Failed, PodEvictionFailure "Reached max retries
 *   while trying to evict pods from nodes in node group <name>" naming the nodes (re:Post
 *   Knowledge Center, "eks-managed-node-group-update"), the node group still on its
 *   version and ACTIVE again.
 * Both refuse a resource that is not ACTIVE, and answer a repeated clientRequestToken
 * with the update it made.
 */
import { randomUUID } from 'node:crypto';
import {
  UpdateAddonRequest,
  UpdateAddonResponse,
  UpdateNodegroupVersionRequest,
  UpdateNodegroupVersionResponse,
  UpdateParam,
} from '@aws-sdk/client-eks';
import { liveAddonOrThrow } from './addonHandlers';
import { addonView, resolveAddonVersion } from './addons';
import { liveClusterOrThrow } from './clusterHandlers';
import { invalidParameter, resourceInUse } from './eksErrors';
import { StoredCluster, StoredUpdate } from './eksStore';
import { EksCall, EksHandler, requestOf } from './handlerTypes';
import { updateView } from './updateHandlers';
import { liveNodegroupOrThrow } from './nodegroupHandlers';
import { nodegroupView, releaseVersionOf } from './nodegroups';
import { isUpdatingVersion, minorOf } from './versionUpdate';

export const ADDON_UPDATE_SECONDS = 60;
export const NODE_ROLL_SECONDS = 120;
/** How long EKS retries evicting a node's pods before the update fails. */
export const DRAIN_TIMEOUT_SECONDS = 15 * 60;

/**
 * Nodes replaced at once: `maxUnavailable`, or `maxUnavailablePercentage` of the group
 * (rounded up, at least one: the sandbox's reading of "this percentage of nodes are
 * updated in parallel", EKS API Reference, NodegroupUpdateConfig), at most 100.
 */
function batchSize(
  config: { maxUnavailable?: number; maxUnavailablePercentage?: number } = {},
  nodes: number,
): number {
  const size =
    config.maxUnavailable ??
    Math.ceil((nodes * (config.maxUnavailablePercentage ?? 0)) / 100);
  return Math.min(100, Math.max(1, size));
}

/** A repeated request: the update it made. */
function repeatedUpdate(
  cluster: StoredCluster,
  token: string | undefined,
  target: { nodegroupName?: string; addonName?: string },
): StoredUpdate | undefined {
  if (!token) return undefined;
  return cluster.updates.find(
    u =>
      u.clientRequestToken === token &&
      u.nodegroupName === target.nodegroupName &&
      u.addonName === target.addonName,
  );
}

function recordUpdate(
  call: EksCall,
  cluster: StoredCluster,
  update: Omit<StoredUpdate, 'update'> & {
    type: 'AddonUpdate' | 'VersionUpdate';
    params: UpdateParam[];
  },
): StoredUpdate {
  const { type, params, ...rest } = update;
  const stored: StoredUpdate = {
    ...rest,
    update: {
      id: randomUUID(),
      type,
      params,
      createdAt: new Date(call.context.clock.nowMillis()),
      errors: [],
    },
  };
  cluster.updates.push(stored);
  return stored;
}

function checkControlPlaneIdle(call: EksCall, cluster: StoredCluster): void {
  if (isUpdatingVersion(cluster, call.context.clock.nowMillis())) {
    throw resourceInUse(
      `Cluster ${cluster.cluster.name} has an update in progress`,
    );
  }
}

const updateAddon: EksHandler = call => {
  const input = requestOf<UpdateAddonRequest>(call);
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const addonName = call.params.addonName;
  const stored = liveAddonOrThrow(call, cluster, addonName);
  const now = call.context.clock.nowMillis();
  const repeated = repeatedUpdate(cluster, input.clientRequestToken, {
    addonName,
  });
  if (repeated) {
    const answer: UpdateAddonResponse = { update: updateView(repeated, now) };
    return answer;
  }
  checkControlPlaneIdle(call, cluster);
  if (addonView(stored, now).status !== 'ACTIVE') {
    throw resourceInUse(
      `Addon ${addonName} cannot be updated as it is currently not in ACTIVE state`,
    );
  }
  const version = resolveAddonVersion(cluster, addonName, input.addonVersion);
  stored.addon.addonVersion = version;
  stored.addon.modifiedAt = new Date(now);
  const completesAt =
    now + call.context.clock.scaledMillis(ADDON_UPDATE_SECONDS);
  stored.updatingUntil = completesAt;
  const update = recordUpdate(call, cluster, {
    type: 'AddonUpdate',
    params: [
      { type: 'AddonVersion', value: version },
      ...(input.resolveConflicts
        ? [{ type: 'ResolveConflicts' as const, value: input.resolveConflicts }]
        : []),
    ],
    completesAt,
    addonName,
    clientRequestToken: input.clientRequestToken,
  });
  const result: UpdateAddonResponse = { update: updateView(update, now) };
  return result;
};

const updateNodegroupVersion: EksHandler = call => {
  const input = requestOf<UpdateNodegroupVersionRequest>(call);
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const nodegroupName = call.params.nodegroupName;
  const stored = liveNodegroupOrThrow(call, cluster, nodegroupName);
  const now = call.context.clock.nowMillis();
  const repeated = repeatedUpdate(cluster, input.clientRequestToken, {
    nodegroupName,
  });
  if (repeated) {
    const answer: UpdateNodegroupVersionResponse = {
      update: updateView(repeated, now),
    };
    return answer;
  }
  checkControlPlaneIdle(call, cluster);
  if (nodegroupView(stored, now).status !== 'ACTIVE') {
    throw resourceInUse(
      'Nodegroup cannot be updated as it is currently not in Active State',
    );
  }
  const controlPlane = cluster.cluster.version ?? '';
  const version = input.version ?? controlPlane;
  if (minorOf(version) > minorOf(controlPlane)) {
    throw invalidParameter(
      `Requested Kubernetes version ${version} is newer than the cluster's ${controlPlane}; upgrade the control plane first`,
    );
  }
  const nodes = stored.nodegroup.scalingConfig?.desiredSize ?? 0;
  const batches = Math.ceil(
    Math.max(1, nodes) / batchSize(stored.nodegroup.updateConfig, nodes),
  );
  const blocks = input.force
    ? []
    : call.deps.evictionBlocks(call.context, {
        accountId: call.accountId,
        region: call.region,
        clusterName: cluster.cluster.name ?? '',
        nodegroupName,
      });
  // A blocked drain fails on the first node it reaches, after the drain timeout.
  const completesAt =
    now +
    call.context.clock.scaledMillis(
      blocks.length > 0
        ? NODE_ROLL_SECONDS + DRAIN_TIMEOUT_SECONDS
        : NODE_ROLL_SECONDS * batches,
    );
  stored.updatingUntil = completesAt;
  stored.pendingVersion = blocks.length > 0 ? undefined : version;
  const update = recordUpdate(call, cluster, {
    type: 'VersionUpdate',
    params: [
      { type: 'Version', value: version },
      { type: 'ReleaseVersion', value: releaseVersionOf(version) },
    ],
    completesAt,
    nodegroupName,
    clientRequestToken: input.clientRequestToken,
  });
  if (blocks.length > 0) {
    update.failure = {
      errorCode: 'PodEvictionFailure',
      errorMessage: `Reached max retries while trying to evict pods from nodes in node group ${nodegroupName}`,
      resourceIds: [...new Set(blocks.flatMap(b => b.nodes))].sort(),
    };
  }
  const result: UpdateNodegroupVersionResponse = {
    update: updateView(update, now),
  };
  return result;
};

export const ROLLING_UPDATE_HANDLERS: Record<string, EksHandler> = {
  UpdateAddon: updateAddon,
  UpdateNodegroupVersion: updateNodegroupVersion,
};
