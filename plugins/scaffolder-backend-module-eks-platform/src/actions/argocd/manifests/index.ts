export {
  renderArgoCdManifests,
  argoCdLabels,
  applicationName,
  DEFAULT_ARGOCD_NAMESPACE,
  DEFAULT_TARGET_REVISION,
  IN_CLUSTER_SERVER,
  ENVIRONMENT_LABEL,
  COMPONENT_LABEL,
  PART_OF_LABEL,
  PART_OF_VALUE,
  CLUSTER_SECRET_TYPE_LABEL,
  SYNC_WAVE_ANNOTATION,
  RESOURCES_FINALIZER,
} from './renderManifests';
export type {
  ArgoCdEnvironment,
  ArgoCdClusterApiObject,
  RenderedManifests,
} from './renderManifests';
export {
  PLATFORM_COMPONENTS,
  PLATFORM_COMPONENT_IDS,
  GRAFANA_ADMIN_SECRET,
} from './platformComponents';
export { REPLICAS } from './componentSizing';
export type { PerEnvironment } from './componentSizing';
export type {
  PlatformComponent,
  PlatformComponentId,
  HelmRepositoryChart,
  GitOpsChart,
  IgnoredDifference,
  PodSecurityLevel,
  ValuesContext,
} from './platformComponents';
export { schedulingFor, tolerationFor } from './scheduling';
export type {
  EnvironmentScheduling,
  Placement,
  Toleration,
} from './scheduling';
