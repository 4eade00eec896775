import { DPJ_ENVIRONMENTS } from '../../../seed/dpjEnvironments';
import { EKS_ADDON_NAMES } from '../../eks/addonCatalog';
import type {
  ClusterInventory,
  InventoryReader,
} from '../../../core/inventory';

const DAY_MS = 86_400_000;

/** The three DPJ clusters as the seeded accounts hold them, ACTIVE since 400 days before `now`. */
export function dpjClusters(now: number): ClusterInventory[] {
  const createdAt = now - 400 * DAY_MS;
  return Object.values(DPJ_ENVIRONMENTS).map(spec => ({
    accountId: spec.account,
    region: spec.region,
    name: spec.clusterName,
    version: spec.kubernetesVersion,
    status: 'ACTIVE',
    createdAt,
    tags: { ...spec.tags },
    addons: [...EKS_ADDON_NAMES],
    nodegroups: spec.nodeGroups.map(group => ({
      name: group.name,
      capacityType: group.capacityType,
      instanceTypes: [...group.instanceTypes],
      minSize: group.minSize,
      desiredSize: group.desiredSize,
      maxSize: group.maxSize,
      status: 'ACTIVE',
      createdAt,
      labels: { ...group.labels },
      taints: group.taints.map(taint => ({ ...taint })),
      diskSizeGiB: group.diskSizeGiB,
      tags: { ...spec.tags },
    })),
  }));
}

export function inventoryOf(clusters: ClusterInventory[]): InventoryReader {
  return {
    clusters: () => clusters,
    natGateways: () => [],
    subnets: () => [],
  };
}
