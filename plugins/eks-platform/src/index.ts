/**
 * Catalog cards and tabs for EKS clusters.
 *
 * @packageDocumentation
 */
export {
  eksPlatformPlugin,
  EntityEksEnvironmentCard,
  EntityClusterCapacityCard,
  EntityClusterCapacityContent,
} from './plugin';
export { capacityApiRef, CapacityClient } from './api/capacityApi';
export type { CapacityApi } from './api/capacityApi';
