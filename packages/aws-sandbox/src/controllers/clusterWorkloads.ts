/**
 * The AWS resources a cluster's workloads make through its controllers: Ingresses become
 * load balancers, PersistentVolumeClaims become EBS volumes. Each workload is deployed
 * once per cluster (a registry keyed by cluster and object), so deploying again, as a
 * re-sync does, changes nothing.
 */
import { SandboxContext } from '../core/types';
import { eksStoreOf, liveNodegroups } from '../services/eks/eksStore';
import { phaseOf } from '../services/eks/lifecycle';
import {
  EbsCsiDriverConfig,
  provisionClaimVolume,
  VolumeClaimSpec,
} from './ebsCsiDriver';
import {
  ClusterPlacement,
  IngressOutcome,
  IngressSpec,
  reconcileIngress,
  removeIngress,
} from './loadBalancerController';
import { internalEc2Call } from '../services/ec2/otherServices';
import { deleteVolume } from '../services/ec2/volumes';

export interface ClusterWorkloads {
  ingresses: IngressSpec[];
  volumeClaims: VolumeClaimSpec[];
}

export type {
  IngressSpec,
  VolumeClaimSpec,
  EbsCsiDriverConfig,
  ClusterPlacement,
};

type Deployed = Map<string, IngressOutcome | { volumeId: string }>;

function registryOf(context: SandboxContext, at: ClusterPlacement): Deployed {
  return context.state.scope(
    'controllers',
    at.accountId,
    at.region,
    () => new Map(),
  );
}

/** Whether the cluster still runs nodes: a volume stays attached while it does. */
export function clusterRunsNodes(
  context: SandboxContext,
  at: ClusterPlacement,
): boolean {
  const now = context.clock.nowMillis();
  const cluster = eksStoreOf(context, at.accountId, at.region).liveCluster(
    at.clusterName,
    now,
  );
  return Boolean(
    cluster &&
      liveNodegroups(cluster, now).some(
        g =>
          phaseOf(g.lifecycle, now) !== 'DELETING' &&
          (g.nodegroup.scalingConfig?.desiredSize ?? 0) > 0,
      ),
  );
}

/** The registry's key of an Ingress of a cluster. */
export const ingressKey = (
  clusterName: string,
  ingress: { namespace: string; name: string },
) => `${clusterName}/ingress/${ingress.namespace}/${ingress.name}`;

/** Deploys what is not deployed yet; returns the outcome of each object, keyed by it. */
export function deployWorkloads(
  context: SandboxContext,
  at: ClusterPlacement,
  workloads: ClusterWorkloads,
  options: { createdAt: number; zones: string[]; driver: EbsCsiDriverConfig },
): Deployed {
  const registry = registryOf(context, at);
  const outcomes: Deployed = new Map();
  for (const ingress of workloads.ingresses) {
    const key = ingressKey(at.clusterName, ingress);
    let outcome = registry.get(key);
    if (!outcome || 'problem' in outcome) {
      outcome = reconcileIngress(context, at, ingress, options.createdAt);
      registry.set(key, outcome);
    }
    outcomes.set(key, outcome);
  }
  workloads.volumeClaims.forEach((claim, index) => {
    const key = `${at.clusterName}/pvc/${claim.namespace}/${claim.name}`;
    let outcome = registry.get(key);
    if (!outcome) {
      outcome = {
        volumeId: provisionClaimVolume(context, {
          ...at,
          claim,
          availabilityZone: options.zones[index % options.zones.length],
          createdAt: options.createdAt,
          driver: options.driver,
          attached: () => clusterRunsNodes(context, at),
        }),
      };
      registry.set(key, outcome);
    }
    outcomes.set(key, outcome);
  });
  return outcomes;
}

/**
 * The objects behind `keys` were deleted from a running cluster: its controllers delete
 * their load balancers (frontend groups once released) and, the claims' reclaim policy
 * being Delete, their volumes.
 */
export function removeWorkloads(
  context: SandboxContext,
  at: ClusterPlacement,
  keys: Iterable<string>,
  pendingGroupDeletes: Set<string>,
): void {
  const registry = registryOf(context, at);
  const ec2 = internalEc2Call(context, at);
  for (const key of keys) {
    const outcome = registry.get(key);
    registry.delete(key);
    if (!outcome) continue;
    if ('volumeId' in outcome) {
      // The claim's pod is gone, so the volume is detached, then deleted.
      const volume = ec2.store.volumes.get(outcome.volumeId);
      if (volume) volume.attachment = undefined;
      deleteVolume(ec2, outcome.volumeId);
    } else {
      removeIngress(context, at, outcome, pendingGroupDeletes);
    }
  }
}
