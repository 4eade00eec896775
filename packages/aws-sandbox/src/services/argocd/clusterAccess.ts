/**
 * Whether ArgoCD may deploy to the EKS cluster an application targets, as EKS decides it.
 * ArgoCD authenticates with the IAM role of the cluster's `awsAuthConfig`; a cluster in
 * authentication mode API admits a principal only through an access entry, and lets it do
 * what the entry's access policies allow ("Grant IAM users access to Kubernetes with EKS
 * access entries", EKS User Guide). The platform's charts install CustomResourceDefinitions,
 * ClusterRoles and admission webhooks, which among EKS's access policies only
 * AmazonEKSClusterAdminPolicy allows ("Review access policy permissions": AmazonEKSAdminPolicy
 * maps to the `admin` ClusterRole, which has no cluster-scoped writes).
 *
 * Destinations that are not a sandbox EKS cluster, and clusters registered with a bearer
 * token instead of a role, are not judged.
 */
import type { SandboxContext } from '../../core/types';
import { eksStoreOf } from '../eks/eksStore';
import type { ArgoCdStore, Destination } from './argoCdStore';

const CLUSTER_ADMIN =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/** The sandbox's Kubernetes API of an EKS cluster: `…/k8s/<account>/<region>/<cluster>`. */
const SANDBOX_CLUSTER = /\/k8s\/(\d{12})\/([a-z0-9-]+)\/([A-Za-z0-9_-]+)\/?$/;

/** Why ArgoCD's calls to the destination's cluster fail, or undefined when they pass. */
export function clusterAccessProblem(
  context: SandboxContext,
  store: ArgoCdStore,
  destination: Destination,
): string | undefined {
  const registered = destination.server
    ? store.clusters.get(destination.server)
    : store.clusterByName(destination.name ?? '');
  const server = registered?.input.server ?? destination.server ?? '';
  const match = SANDBOX_CLUSTER.exec(server);
  const roleArn = registered?.input.config.awsAuthConfig?.roleARN;
  if (!match || !roleArn) return undefined;
  const [, accountId, region, clusterName] = match;
  const cluster = eksStoreOf(context, accountId, region).liveCluster(
    clusterName,
    context.clock.nowMillis(),
  );
  if (!cluster) return undefined;
  const entry = cluster.accessEntries.get(roleArn);
  const failed = `Failed to load live state: failed to get cluster info for "${server}": error synchronizing cache state :`;
  if (!entry) {
    return `${failed} the server has asked for the client to provide credentials (Unauthorized: ${roleArn} has no access entry on ${clusterName})`;
  }
  const admin = entry.policies.some(
    p => p.policyArn === CLUSTER_ADMIN && p.accessScope?.type === 'cluster',
  );
  if (!admin) {
    return `${failed} customresourcedefinitions.apiextensions.k8s.io is forbidden: User "${roleArn}" cannot list resource "customresourcedefinitions" in API group "apiextensions.k8s.io" at the cluster scope (Forbidden)`;
  }
  return undefined;
}
