import { ResponseError } from '@backstage/errors';
import { NOT_MANAGED_CLUSTER_ERROR } from '@internal/plugin-eks-platform-common';

/**
 * The backend's reason when it refuses a cluster entity it does not manage (404
 * `NotManagedClusterError`, e.g. registered from a location anyone may add), or
 * undefined for any other error.
 */
export function notManagedClusterReason(error: Error): string | undefined {
  if (ResponseError.is(error)) {
    return error.cause.name === NOT_MANAGED_CLUSTER_ERROR
      ? error.cause.message
      : undefined;
  }
  return error.name === NOT_MANAGED_CLUSTER_ERROR ? error.message : undefined;
}
