/**
 * The three fields for the new frontend system, loaded lazily by the
 * FormFieldBlueprint extensions of ../../alpha.tsx.
 */
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { EksKubernetesVersionPicker } from './EksKubernetesVersionPicker';
import { EksRegionZonesPicker } from './EksRegionZonesPicker';
import { EksSubnetLayoutPicker } from './EksSubnetLayoutPicker';
import {
  EKS_KUBERNETES_VERSION_PICKER,
  EKS_REGION_ZONES_PICKER,
  EKS_SUBNET_LAYOUT_PICKER,
} from './fieldNames';
import { validateKubernetesVersion } from './kubernetesVersion';
import { validateRegionZones } from './regionZones';
import {
  EksKubernetesVersionPickerSchema,
  EksRegionZonesPickerSchema,
  EksSubnetLayoutPickerSchema,
} from './schemas';
import { validateSubnetLayout } from './subnetLayout';

export const eksRegionZonesPickerFormField = createFormField({
  name: EKS_REGION_ZONES_PICKER,
  component: EksRegionZonesPicker,
  validation: validateRegionZones,
  schema: EksRegionZonesPickerSchema,
});

export const eksSubnetLayoutPickerFormField = createFormField({
  name: EKS_SUBNET_LAYOUT_PICKER,
  component: EksSubnetLayoutPicker,
  validation: validateSubnetLayout,
  schema: EksSubnetLayoutPickerSchema,
});

export const eksKubernetesVersionPickerFormField = createFormField({
  name: EKS_KUBERNETES_VERSION_PICKER,
  component: EksKubernetesVersionPicker,
  validation: validateKubernetesVersion,
  schema: EksKubernetesVersionPickerSchema,
});
