/**
 * What a platform component is: its chart (a Helm repository's, pinned, or the GitOps
 * repository's), namespace, sync order, Pod Security level and per-environment values.
 */
import type {
  EnvironmentName,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import type { EnvironmentScheduling } from './scheduling';

export const PLATFORM_COMPONENT_IDS = [
  'aws-load-balancer-controller',
  'cluster-autoscaler',
  'kube-prometheus-stack',
  'fluent-bit',
  'jaeger',
  'dpj',
] as const;
export type PlatformComponentId = (typeof PLATFORM_COMPONENT_IDS)[number];

/** Pod Security Standards level enforced on a namespace the component creates. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** A chart from a Helm repository, at an exact version. */
export interface HelmRepositoryChart {
  type: 'helm';
  repoUrl: string;
  chart: string;
  /** Exact chart version (x.y.z). */
  version: string;
}

/**
 * A chart kept in the environment's GitOps repository, at the environment's
 * revision, with one values file per environment next to it.
 */
export interface GitOpsChart {
  type: 'gitops';
  /** Folder of the chart, relative to the repository root. */
  path: string;
  valueFiles(environment: EnvironmentName): string[];
}

/** One entry of an Application's spec.ignoreDifferences. */
export interface IgnoredDifference {
  group?: string;
  kind: string;
  name?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
}

export interface ValuesContext {
  spec: EnvironmentSpec;
  environment: EnvironmentName;
  clusterName: string;
  vpcId: string;
  scheduling: EnvironmentScheduling;
}

export interface PlatformComponent {
  id: PlatformComponentId;
  description: string;
  source: HelmRepositoryChart | GitOpsChart;
  /** Namespace of the component's resources in the environment's cluster. */
  namespace: string;
  releaseName: string;
  /** Order among the environment's applications (argocd.argoproj.io/sync-wave). */
  syncWave: number;
  /** Server-side apply, for charts whose CRDs exceed the client-side annotation limit. */
  serverSideApply: boolean;
  /** Pod Security Standards level enforced on the namespace; unset leaves it unmanaged. */
  podSecurity?: PodSecurityLevel;
  /** Fields a controller or hook rewrites after the sync, not to be reported as drift. */
  ignoreDifferences?: IgnoredDifference[];
  /** Helm values for one environment. */
  values(context: ValuesContext): Record<string, unknown>;
}
