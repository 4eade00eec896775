/**
 * What the platform components get per environment: replicas, CPU and memory requests and
 * limits (smallest in dev), retention; and the autoscaler image per Kubernetes version.
 */
import type { EnvironmentName } from '@internal/plugin-eks-platform-common';

/** A value per environment. */
export type PerEnvironment<T> = Readonly<Record<EnvironmentName, T>>;

/** Replica count of the components whose chart runs several interchangeable copies. */
export const REPLICAS: PerEnvironment<number> = {
  dev: 1,
  staging: 2,
  production: 3,
};

interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

function resources(
  requestCpu: string,
  requestMemory: string,
  limitCpu: string,
  limitMemory: string,
): Resources {
  return {
    requests: { cpu: requestCpu, memory: requestMemory },
    limits: { cpu: limitCpu, memory: limitMemory },
  };
}

/** Requests and limits by environment, smallest in dev. */
function sized(table: PerEnvironment<Resources>) {
  return (environment: EnvironmentName): Resources => table[environment];
}

export const prometheusResources = sized({
  dev: resources('100m', '512Mi', '500m', '1Gi'),
  staging: resources('250m', '1Gi', '1', '2Gi'),
  production: resources('500m', '2Gi', '2', '4Gi'),
});
export const smallControllerResources = sized({
  dev: resources('50m', '64Mi', '200m', '128Mi'),
  staging: resources('100m', '128Mi', '500m', '256Mi'),
  production: resources('100m', '128Mi', '500m', '256Mi'),
});
export const grafanaResources = sized({
  dev: resources('50m', '128Mi', '250m', '256Mi'),
  staging: resources('100m', '256Mi', '500m', '512Mi'),
  production: resources('200m', '512Mi', '1', '1Gi'),
});
export const nodeAgentResources = sized({
  dev: resources('20m', '32Mi', '100m', '64Mi'),
  staging: resources('50m', '64Mi', '200m', '128Mi'),
  production: resources('50m', '64Mi', '250m', '128Mi'),
});
export const fluentBitResources = sized({
  dev: resources('50m', '64Mi', '200m', '128Mi'),
  staging: resources('100m', '128Mi', '500m', '256Mi'),
  production: resources('100m', '128Mi', '500m', '256Mi'),
});
export const jaegerResources = sized({
  dev: resources('100m', '256Mi', '500m', '512Mi'),
  staging: resources('200m', '512Mi', '1', '1Gi'),
  production: resources('250m', '1Gi', '1', '2Gi'),
});
export const albControllerResources = sized({
  dev: resources('50m', '128Mi', '200m', '256Mi'),
  staging: resources('100m', '128Mi', '500m', '256Mi'),
  production: resources('100m', '256Mi', '500m', '512Mi'),
});
export const dpjResources = sized({
  dev: resources('100m', '256Mi', '500m', '512Mi'),
  staging: resources('250m', '512Mi', '1', '1Gi'),
  production: resources('500m', '1Gi', '2', '2Gi'),
});

export const PROMETHEUS_RETENTION: PerEnvironment<string> = {
  dev: '3d',
  staging: '7d',
  production: '15d',
};
/** Prometheus's volume per replica: its retention's samples with room to spare. */
export const PROMETHEUS_STORAGE: PerEnvironment<string> = {
  dev: '10Gi',
  staging: '30Gi',
  production: '100Gi',
};

/** The StorageClass the EBS CSI add-on creates (its `defaultStorageClass` value). */
export const EBS_STORAGE_CLASS = 'ebs-csi-default-sc';

/** Upper bound of the in-memory trace store, so the pod's memory limit holds. */
export const JAEGER_MAX_TRACES: PerEnvironment<number> = {
  dev: 10000,
  staging: 25000,
  production: 50000,
};

export const clusterAutoscalerResources = sized({
  dev: resources('50m', '128Mi', '200m', '256Mi'),
  staging: resources('100m', '256Mi', '500m', '512Mi'),
  production: resources('100m', '512Mi', '500m', '1Gi'),
});

/** The most replicas the DPJ applications' HorizontalPodAutoscaler may run. */
export const DPJ_MAX_REPLICAS: PerEnvironment<number> = {
  dev: 3,
  staging: 6,
  production: 12,
};

/**
 * The Cluster Autoscaler's minor version must be the cluster's (kubernetes/autoscaler README,
 * "Releases"): the newest patch of each, from the project's tags. For a version missing here
 * the chart's own image (1.35) runs; add the version's release when EKS offers it.
 */
export const CLUSTER_AUTOSCALER_IMAGES: Readonly<Record<string, string>> = {
  '1.33': 'v1.33.6',
  '1.34': 'v1.34.5',
  '1.35': 'v1.35.2',
  '1.36': 'v1.36.1',
};
