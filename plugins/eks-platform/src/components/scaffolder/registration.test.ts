import plugin from '../../alpha';
import {
  eksKubernetesVersionPickerFormField,
  eksRegionZonesPickerFormField,
  eksSubnetLayoutPickerFormField,
} from './formFields';

describe('field registration', () => {
  it('adds the three form field extensions to the new-frontend-system plugin', () => {
    expect(
      plugin.getExtension(
        'scaffolder-form-field:eks-platform/region-zones-picker',
      ),
    ).toBeDefined();
    expect(
      plugin.getExtension(
        'scaffolder-form-field:eks-platform/subnet-layout-picker',
      ),
    ).toBeDefined();
    expect(
      plugin.getExtension(
        'scaffolder-form-field:eks-platform/kubernetes-version-picker',
      ),
    ).toBeDefined();
  });

  it('loads form fields under the names the template uses', () => {
    const named = (field: unknown) => (field as { name?: string }).name;
    expect(
      [
        eksRegionZonesPickerFormField,
        eksSubnetLayoutPickerFormField,
        eksKubernetesVersionPickerFormField,
      ].map(field => [field.$$type, named(field)]),
    ).toEqual([
      ['@backstage/scaffolder/FormField', 'EksRegionZonesPicker'],
      ['@backstage/scaffolder/FormField', 'EksSubnetLayoutPicker'],
      ['@backstage/scaffolder/FormField', 'EksKubernetesVersionPicker'],
    ]);
  });
});
