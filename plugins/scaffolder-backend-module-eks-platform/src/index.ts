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
  discoverNetwork,
  NETWORK_COMPONENTS,
  NetworkCreateError,
  NetworkDeletionError,
  planNetwork,
} from './actions/network';
export type {
  CreateNetworkActionOptions,
  DeleteNetworkOptions,
  DeletedNetworkResource,
  NetworkInventory,
  NetworkOutputs,
  PlannedNetworkResource,
} from './actions/network';
