export {
  createClusterCreateAction,
  CREATE_CLUSTER_ACTION_ID,
  ClusterCreateError,
} from './createCluster';
export type { CreateClusterActionOptions } from './createCluster';
export {
  deleteCluster,
  listCluster,
  ClusterDeletionError,
  KEY_DELETION_WINDOW_DAYS,
} from './deleteCluster';
export type {
  DeleteClusterOptions,
  DeletedClusterResource,
} from './deleteCluster';
export { createClusterClients, destroyClusterClients } from './clusterClients';
export type { ClusterClients } from './clusterClients';
export { clusterNames } from './clusterPlan';
export type { ClusterNames } from './clusterPlan';
export { addonVersionFor } from '../../resources/cluster';
export type { ClusterOutputs } from './provisionCluster';
