/**
 * The Kubernetes API's discovery documents, `/version`, `Status` errors and the empty
 * lists served for resources the sandbox does not model.
 */
import type {
  V1APIGroupList,
  V1APIVersions,
  V1Status,
  VersionInfo,
} from '@kubernetes/client-node';
import type { ClusterInventory } from '../../core/inventory';

export function statusObject(
  code: number,
  reason: string,
  message: string,
): V1Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

export function versionOf(cluster: ClusterInventory): VersionInfo {
  const [major, minor] = cluster.version.split('.');
  return {
    major,
    minor: `${minor}+`,
    gitVersion: `v${cluster.version}.4-eks-2d5f260`,
    gitCommit: '2d5f2601a7f5a2c5d6e1d31fe1ac28c4bd0da8c3',
    gitTreeState: 'clean',
    buildDate: '2025-01-10T18:23:44Z',
    goVersion: 'go1.22.10',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(): V1APIVersions {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:443' },
    ],
  };
}

const GROUPS: Record<string, string[]> = {
  apps: ['v1'],
  batch: ['v1'],
  autoscaling: ['v2', 'v1'],
  'networking.k8s.io': ['v1'],
  policy: ['v1'],
  'rbac.authorization.k8s.io': ['v1'],
  'storage.k8s.io': ['v1'],
};

/** The API groups; metrics.k8s.io only where metrics-server registers it. */
export function apiGroups(metricsServed: boolean): V1APIGroupList {
  const groups = {
    ...GROUPS,
    ...(metricsServed ? { 'metrics.k8s.io': ['v1beta1'] } : {}),
  };
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: Object.entries(groups).map(([name, versions]) => ({
      name,
      versions: versions.map(version => ({
        groupVersion: `${name}/${version}`,
        version,
      })),
      preferredVersion: {
        groupVersion: `${name}/${versions[0]}`,
        version: versions[0],
      },
    })),
  };
}

/** Kinds of the plural resource names clients list most; others are derived from the name. */
const KINDS: Record<string, string> = {
  services: 'Service',
  endpoints: 'Endpoints',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  events: 'Event',
  serviceaccounts: 'ServiceAccount',
  persistentvolumes: 'PersistentVolume',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  limitranges: 'LimitRange',
  resourcequotas: 'ResourceQuota',
  replicationcontrollers: 'ReplicationController',
  podtemplates: 'PodTemplate',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  controllerrevisions: 'ControllerRevision',
  jobs: 'Job',
  cronjobs: 'CronJob',
  ingresses: 'Ingress',
  ingressclasses: 'IngressClass',
  networkpolicies: 'NetworkPolicy',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  poddisruptionbudgets: 'PodDisruptionBudget',
  storageclasses: 'StorageClass',
  roles: 'Role',
  rolebindings: 'RoleBinding',
  clusterroles: 'ClusterRole',
  clusterrolebindings: 'ClusterRoleBinding',
};

export function kindOfResource(plural: string): string {
  const known = KINDS[plural];
  if (known) return known;
  const singular = plural.endsWith('ies')
    ? `${plural.slice(0, -3)}y`
    : plural.replace(/(ses|s)$/, match => (match === 'ses' ? 's' : ''));
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

export function emptyList(
  apiVersion: string,
  plural: string,
  resourceVersion: string,
) {
  return {
    kind: `${kindOfResource(plural)}List`,
    apiVersion,
    metadata: { resourceVersion },
    items: [],
  };
}
