/**
 * Catalog cards and tabs for EKS clusters.
 *
 * @packageDocumentation
 */
export { eksPlatformPlugin, EntityEksEnvironmentCard } from './plugin';
