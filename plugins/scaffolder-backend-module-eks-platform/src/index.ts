/**
 * Scaffolder actions that plan, create and destroy EKS environments.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEksPlatform as default } from './module';
export { createPlanEnvironmentAction } from './actions/planEnvironment';
