export { ArgoCdClient } from './argoCdClient';
export { ArgoCdApiError } from '@internal/plugin-eks-platform-node';
export type { ArgoCdApiErrorDetails } from '@internal/plugin-eks-platform-node';
export type {
  ArgoCdClientOptions,
  ArgoCdClusterInput,
  ArgoCdInstance,
  UpsertOutcome,
} from './types';
