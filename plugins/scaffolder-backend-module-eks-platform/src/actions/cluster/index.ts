export {
  createClusterCreateAction,
  CREATE_CLUSTER_ACTION_ID,
  ClusterCreateError,
} from './createCluster';
export type { CreateClusterActionOptions } from './createCluster';
export {
  deleteCluster,
  ClusterDeletionError,
  KEY_DELETION_WINDOW_DAYS,
} from './deleteCluster';
export type {
  DeleteClusterOptions,
  DeletedClusterResource,
} from './deleteCluster';
export { createClusterClients, destroyClusterClients } from './clusterClients';
export type { ClusterClients } from './clusterClients';
export { discoverCluster } from './discovery';
export type { ClusterInventory } from './discovery';
export { CLUSTER_COMPONENTS, clusterNames, planCluster } from './clusterPlan';
export type { ClusterNames, PlannedClusterResource } from './clusterPlan';
export { addonVersionFor, supportedClusterVersions } from './preflight';
export type { ClusterOutputs } from './provisionCluster';
