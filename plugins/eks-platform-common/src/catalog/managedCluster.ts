/**
 * Names shared by the backend that decides which cluster entities the product manages
 * (plugins/eks-platform-backend, `ClusterEntityTrust`), the catalog module whose
 * entities it trusts, and the frontend that explains a refusal.
 */

/** The EKS catalog provider's name, also the prefix of its entities' location refs. */
export const EKS_CLUSTER_PROVIDER_NAME = 'eks-platform-clusters';

/** The location ref the provider gives the clusters it found in one account and region. */
export function eksClusterProviderLocation(target: {
  accountId: string;
  region: string;
}): string {
  return `${EKS_CLUSTER_PROVIDER_NAME}:${target.accountId}/${target.region}`;
}

/**
 * `error.name` of the backend's 404 for a cluster entity it does not manage: its
 * annotations come from a location anyone may register, or name an account that is
 * not configured, so nothing is read for it.
 */
export const NOT_MANAGED_CLUSTER_ERROR = 'NotManagedClusterError';
