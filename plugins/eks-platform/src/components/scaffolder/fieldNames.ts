/** The `ui:field` names the "New EKS environment" template uses. */
export const EKS_REGION_ZONES_PICKER = 'EksRegionZonesPicker';
export const EKS_SUBNET_LAYOUT_PICKER = 'EksSubnetLayoutPicker';
export const EKS_KUBERNETES_VERSION_PICKER = 'EksKubernetesVersionPicker';
