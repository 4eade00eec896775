export {
  createUpgradeClusterAction,
  UPGRADE_CLUSTER_ACTION_ID,
} from './upgradeCluster';
export type { UpgradeClusterActionOptions } from './upgradeCluster';
export { backendErrorBudgetSource, readErrorBudgetFloor } from './errorBudget';
export type { ErrorBudgetSource } from './errorBudget';
