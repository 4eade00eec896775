import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { EksRegionZonesPicker } from './EksRegionZonesPicker';
import { fieldProps } from './__testUtils__/fieldProps';
import { RegionZonesValue } from './regionZones';

const PARIS: RegionZonesValue = {
  region: 'eu-west-3',
  availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
};

describe('EksRegionZonesPicker', () => {
  it('fills in Paris and its first three zones when the form has no value', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <EksRegionZonesPicker
        {...fieldProps<RegionZonesValue>({ onChange, formData: undefined })}
      />,
    );
    expect(onChange).toHaveBeenCalledWith(PARIS);
  });

  it('lists the regions and the zones, and resets the zones on a region change', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <EksRegionZonesPicker
        {...fieldProps<RegionZonesValue>({ onChange, formData: PARIS })}
      />,
    );
    expect(onChange).not.toHaveBeenCalled();
    expect(
      screen.getByRole('option', { name: 'Europe (Paris) — eu-west-3' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Paris is eu-west-3/)).toBeInTheDocument();
    const region = screen.getByLabelText('Region');
    expect(region).toHaveValue('eu-west-3');
    expect(screen.getByRole('checkbox', { name: 'eu-west-3b' })).toBeChecked();

    await userEvent.selectOptions(region, 'eu-west-1');
    expect(onChange).toHaveBeenLastCalledWith({
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    });

    await userEvent.click(screen.getByRole('checkbox', { name: 'eu-west-3a' }));
    expect(onChange).toHaveBeenLastCalledWith({
      region: 'eu-west-3',
      availabilityZones: ['eu-west-3b', 'eu-west-3c'],
    });
  });

  it('shows a zone foreign to the region so it can be unticked', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <EksRegionZonesPicker
        {...fieldProps<RegionZonesValue>({
          onChange,
          formData: {
            region: 'eu-west-3',
            availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-1a'],
          },
        })}
      />,
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'eu-west-1a (not in eu-west-3)' }),
    );
    expect(onChange).toHaveBeenLastCalledWith({
      region: 'eu-west-3',
      availabilityZones: ['eu-west-3a', 'eu-west-3b'],
    });
  });
});
