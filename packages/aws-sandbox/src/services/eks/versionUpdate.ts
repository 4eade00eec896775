/** A cluster's Kubernetes version while an UpdateClusterVersion runs (`upgradeHandlers.ts`). */
import type { StoredCluster } from './eksStore';

/** The version the cluster runs: an update's target once it completed. */
export function settleVersionUpdate(stored: StoredCluster, now: number): void {
  const update = stored.versionUpdate;
  if (update && now >= update.completesAt) {
    stored.cluster.version = update.to;
    stored.versionUpdate = undefined;
  }
}

export function isUpdatingVersion(stored: StoredCluster, now: number): boolean {
  settleVersionUpdate(stored, now);
  return stored.versionUpdate !== undefined;
}

/** The minor number of an EKS version: 35 for "1.35". */
export const minorOf = (version: string) => Number(version.split('.')[1]);
