/** The names, labels and shared settings of the environment's ArgoCD objects. */
import {
  CLUSTER_ANNOTATIONS,
  ENVIRONMENT_NAME_LABEL,
  type EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';

export const DEFAULT_ARGOCD_NAMESPACE = 'argocd';
export const DEFAULT_TARGET_REVISION = 'main';
/** The cluster ArgoCD runs in, where the root Application creates the component Applications. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const PART_OF_VALUE = 'eks-platform';
export const ENVIRONMENT_LABEL = CLUSTER_ANNOTATIONS.environment;
export const COMPONENT_LABEL = 'eks-platform/component';
export const CLUSTER_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Deleting an Application with this finalizer deletes what it deployed. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export const API_VERSION = 'argoproj.io/v1alpha1';

/** Sync retries: 10s, 20s, 40s, 80s, 160s (capped at 5 minutes). */
export const RETRY = {
  limit: 5,
  backoff: { duration: '10s', factor: 2, maxDuration: '5m' },
};

/** The labels every object of the environment carries; the destroy action selects on the first. */
export function argoCdLabels(spec: EnvironmentSpec): Record<string, string> {
  return {
    [ENVIRONMENT_NAME_LABEL]: spec.name,
    [ENVIRONMENT_LABEL]: spec.environment,
    [PART_OF_LABEL]: PART_OF_VALUE,
  };
}

/** `${spec.name}-${component}`, the name of a component's Application. */
export function applicationName(spec: EnvironmentSpec, component: string) {
  return `${spec.name}-${component}`;
}
