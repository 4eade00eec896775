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
  EntityEksDeploymentsCard,
  EntityEksDeploymentsContent,
  EntityAwsCostContent,
  EntityAwsCostCard,
  EksCostPage,
  eksCostPageRouteRef,
  EksRegionZonesPickerFieldExtension,
  EksSubnetLayoutPickerFieldExtension,
  EksKubernetesVersionPickerFieldExtension,
} from './plugin';
export type {
  RegionZonesValue,
  SubnetLayoutValue,
} from './components/scaffolder';
export { capacityApiRef, CapacityClient } from './api/capacityApi';
export type { CapacityApi } from './api/capacityApi';
export { sloApiRef, SloClient } from './api/sloApi';
export type { SloApi } from './api/sloApi';
export { costApiRef, CostClient } from './api/costApi';
export type { CostApi, ClusterCostOptions } from './api/costApi';
export { deploymentsApiRef, DeploymentsClient } from './api/deploymentsApi';
export type { DeploymentsApi } from './api/deploymentsApi';
export { upgradeApiRef, UpgradeClient } from './api/upgradeApi';
export type { UpgradeApi } from './api/upgradeApi';
