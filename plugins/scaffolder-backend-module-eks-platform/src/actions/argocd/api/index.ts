export { ArgoCdClient } from './argoCdClient';
export { ArgoCdApiError } from './argoCdApiError';
export type { ArgoCdApiErrorDetails } from './argoCdApiError';
export type {
  ArgoCdClientOptions,
  ArgoCdClusterInput,
  ArgoCdInstance,
  UpsertOutcome,
} from './types';
