export {
  createUpgradeClusterAction,
  UPGRADE_CLUSTER_ACTION_ID,
} from './upgradeCluster';
export type { UpgradeClusterActionOptions } from './upgradeCluster';
