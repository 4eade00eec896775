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
  EntityEksSloCard,
  EntityEksSloContent,
} from './plugin';
export { capacityApiRef, CapacityClient } from './api/capacityApi';
export type { CapacityApi } from './api/capacityApi';
export { sloApiRef, SloClient } from './api/sloApi';
export type { SloApi } from './api/sloApi';
