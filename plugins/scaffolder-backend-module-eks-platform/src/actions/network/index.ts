export {
  createNetworkCreateAction,
  CREATE_NETWORK_ACTION_ID,
  NetworkCreateError,
} from './createNetwork';
export type { CreateNetworkActionOptions } from './createNetwork';
export { deleteNetwork, NetworkDeletionError } from './deleteNetwork';
export type {
  DeleteNetworkOptions,
  DeletedNetworkResource,
} from './deleteNetwork';
