/**
 * Node-only shared code of the EKS platform plugins.
 *
 * @packageDocumentation
 */
export { AwsClientFactory } from './AwsClientFactory';
export type { AwsClientSettings, AwsTarget } from './AwsClientFactory';
export {
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
