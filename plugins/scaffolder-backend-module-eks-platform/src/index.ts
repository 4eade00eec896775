/**
 * Scaffolder actions that plan, create and destroy EKS environments.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEksPlatform as default } from './module';
export { createPlanEnvironmentAction } from './actions/planEnvironment';
export {
  createNetworkCreateAction,
  CREATE_NETWORK_ACTION_ID,
  deleteNetwork,
  NetworkCreateError,
  NetworkDeletionError,
} from './actions/network';
export type {
  CreateNetworkActionOptions,
  DeleteNetworkOptions,
  DeletedNetworkResource,
} from './actions/network';
export {
  createNodegroupsCreateAction,
  createScaleNodegroupsAction,
  CREATE_NODEGROUPS_ACTION_ID,
  SCALE_NODEGROUPS_ACTION_ID,
  deleteNodegroups,
  NodegroupCreateError,
  NodegroupDeletionError,
} from './actions/nodegroup';
export type {
  CreateNodegroupsActionOptions,
  ScaleNodegroupsActionOptions,
  DeleteNodegroupsOptions,
  DeletedNodegroupResource,
  NodegroupOutput,
} from './actions/nodegroup';
export {
  createClusterCreateAction,
  CREATE_CLUSTER_ACTION_ID,
  ClusterCreateError,
  ClusterDeletionError,
  clusterNames,
  createClusterClients,
  deleteCluster,
  destroyClusterClients,
} from './actions/cluster';
export type {
  ClusterClients,
  ClusterNames,
  ClusterOutputs,
  CreateClusterActionOptions,
  DeleteClusterOptions,
  DeletedClusterResource,
} from './actions/cluster';
export {
  createEnvironmentDestroyAction,
  DESTROY_ENVIRONMENT_ACTION_ID,
  EnvironmentDestroyError,
} from './actions/destroy';
export type {
  DestroyEnvironmentActionOptions,
  DestroyedResource,
} from './actions/destroy';
export { createCatalogWaitAction } from './actions/catalog';
export {
  CHECK_ENVIRONMENT_ACTION_ID,
  createEnvironmentCheckAction,
} from './actions/check';
export type { CheckEnvironmentActionOptions } from './actions/check';
export {
  ADOPT_FIELD,
  CONFIRM_FIELD,
  DatabaseEnvironmentLeases,
  EnvironmentGuard,
  scaffolderTaskActivity,
} from './actions/access';
export type {
  EnvironmentGuardOptions,
  EnvironmentLeases,
  EnvironmentTarget,
} from './actions/access';
export {
  createArgoCdDestroyAction,
  createArgoCdRegisterAction,
  DESTROY_ARGOCD_ACTION_ID,
  readArgoCdInstances,
  REGISTER_ARGOCD_ACTION_ID,
} from './actions/argocd';
export type {
  ConfiguredArgoCdInstance,
  RegisterArgoCdActionOptions,
} from './actions/argocd';
export {
  createUpgradeClusterAction,
  UPGRADE_CLUSTER_ACTION_ID,
} from './actions/upgrade';
export type { UpgradeClusterActionOptions } from './actions/upgrade';
