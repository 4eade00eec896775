export { EksRegionZonesPicker } from './EksRegionZonesPicker';
export { EksSubnetLayoutPicker } from './EksSubnetLayoutPicker';
export { EksKubernetesVersionPicker } from './EksKubernetesVersionPicker';
export {
  EKS_KUBERNETES_VERSION_PICKER,
  EKS_REGION_ZONES_PICKER,
  EKS_SUBNET_LAYOUT_PICKER,
} from './fieldNames';
export { validateRegionZones } from './regionZones';
export type { RegionZonesValue } from './regionZones';
export { validateSubnetLayout } from './subnetLayout';
export type { SubnetLayoutValue } from './subnetLayout';
export { validateKubernetesVersion } from './kubernetesVersion';
export {
  EksKubernetesVersionPickerSchema,
  EksRegionZonesPickerSchema,
  EksSubnetLayoutPickerSchema,
} from './schemas';
