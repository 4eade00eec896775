/**
 * Node-only shared code of the EKS platform plugins.
 *
 * @packageDocumentation
 */
export { AwsClientFactory } from './AwsClientFactory';
export type { AwsClientSettings, AwsTarget } from './AwsClientFactory';
export {
  createEksDeploymentConditionalDecision,
  eksDeploymentConditions,
  eksDeploymentPermissionRules,
  eksDeploymentResourceRef,
  createEksEnvironmentConditionalDecision,
  eksEnvironmentConditions,
  eksEnvironmentPermissionRules,
  eksEnvironmentResourceRef,
} from './permissions/environmentRules';
export {
  DEFAULT_ENVIRONMENT_ADMINS,
  DEFAULT_PRODUCTION_ADMINS,
  readEnvironmentAdmins,
} from './permissions/environmentAdmins';
export type { EnvironmentAdmins } from './permissions/environmentAdmins';
export { describeKubernetesVersions } from './kubernetesVersions';
export { ArgoCdApiError, grpcCodeName } from './argocd/argoCdApiError';
export type { ArgoCdApiErrorDetails } from './argocd/argoCdApiError';
export { ArgoCdTransport } from './argocd/argoCdTransport';
export type {
  Answer as ArgoCdAnswer,
  ArgoCdTransportOptions,
  Operation as ArgoCdOperation,
  RequestOptions as ArgoCdRequestOptions,
} from './argocd/argoCdTransport';
export { readArgoCdInstances } from './argocd/argoCdConfig';
export type { ConfiguredArgoCdInstance } from './argocd/argoCdConfig';
