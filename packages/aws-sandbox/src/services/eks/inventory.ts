import {
  ClusterInventory,
  InventoryReader,
  NodegroupInventory,
} from '../../core/inventory';
import { SandboxContext } from '../../core/types';
import { EksStore, liveAddons, StoredNodegroup } from './eksStore';
import { Lifecycle, phaseOf } from './lifecycle';
import { nodegroupView } from './nodegroups';

function deletedAtOf(lifecycle: Lifecycle, now: number): number | undefined {
  return phaseOf(lifecycle, now) === 'GONE' ? lifecycle.goneAt : undefined;
}

function nodegroupInventory(
  stored: StoredNodegroup,
  now: number,
): NodegroupInventory {
  const view = nodegroupView(stored, now);
  return {
    name: view.nodegroupName ?? '',
    capacityType: view.capacityType === 'SPOT' ? 'SPOT' : 'ON_DEMAND',
    instanceTypes: view.instanceTypes ?? [],
    minSize: view.scalingConfig?.minSize ?? 0,
    desiredSize: view.scalingConfig?.desiredSize ?? 0,
    maxSize: view.scalingConfig?.maxSize ?? 0,
    status: view.status ?? 'ACTIVE',
    createdAt: stored.lifecycle.createdAt,
    deletedAt: deletedAtOf(stored.lifecycle, now),
    labels: view.labels ?? {},
    taints: (view.taints ?? []).map(taint => ({
      key: taint.key ?? '',
      value: taint.value,
      effect: taint.effect ?? 'NO_SCHEDULE',
    })),
    // A launch template carries its own disk size; 20 GiB is EKS's default.
    diskSizeGiB: view.diskSize ?? 20,
    tags: view.tags ?? {},
    autoScalingGroup: view.resources?.autoScalingGroups?.[0]?.name,
  };
}

/** Every EKS cluster of every account and region, deleted ones with their deletedAt. */
export function eksInventory(
  context: SandboxContext,
): Pick<InventoryReader, 'clusters'> {
  return {
    clusters(): ClusterInventory[] {
      const now = context.clock.nowMillis();
      return context.state
        .scopesOf<EksStore>('eks')
        .flatMap(({ accountId, region, store }) =>
          store.clusters.map(stored => {
            const phase = phaseOf(stored.lifecycle, now);
            return {
              accountId,
              region,
              name: stored.cluster.name ?? '',
              version: stored.cluster.version ?? '',
              status: phase === 'GONE' ? 'DELETING' : phase,
              createdAt: stored.lifecycle.createdAt,
              deletedAt: deletedAtOf(stored.lifecycle, now),
              tags: stored.cluster.tags ?? {},
              nodegroups: stored.nodegroups.map(ng =>
                nodegroupInventory(ng, now),
              ),
              addons: liveAddons(stored, now)
                .filter(a =>
                  ['ACTIVE', 'UPDATING', 'DEGRADED'].includes(
                    phaseOf(a.lifecycle, now),
                  ),
                )
                .map(a => a.addon.addonName ?? ''),
            };
          }),
        );
    },
  };
}
