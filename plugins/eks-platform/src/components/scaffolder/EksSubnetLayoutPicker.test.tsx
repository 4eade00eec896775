import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { EksSubnetLayoutPicker } from './EksSubnetLayoutPicker';
import { fieldProps } from './__testUtils__/fieldProps';
import { presetLayout, SubnetLayoutValue } from './subnetLayout';

const PRODUCTION_FORM = {
  environment: 'production',
  location: {
    region: 'eu-west-3',
    availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
  },
};

describe('EksSubnetLayoutPicker', () => {
  it("fills in the environment's preset layout", async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <EksSubnetLayoutPicker
        {...fieldProps<SubnetLayoutValue>({
          onChange,
          formData: undefined,
          formContext: { formData: PRODUCTION_FORM },
        })}
      />,
    );
    expect(onChange).toHaveBeenCalledWith(presetLayout('production'));
  });

  it('shows the capacity per zone and sends the edited layout', async () => {
    const onChange = jest.fn();
    const value = presetLayout('production');
    await renderInTestApp(
      <EksSubnetLayoutPicker
        {...fieldProps<SubnetLayoutValue>({
          onChange,
          formData: value,
          formContext: { formData: PRODUCTION_FORM },
        })}
      />,
    );
    expect(onChange).not.toHaveBeenCalled();
    const row = within(screen.getByTestId('subnet-row-1'));
    expect(row.getByText('eu-west-3b')).toBeInTheDocument();
    expect(row.getByText('8,187')).toBeInTheDocument();
    expect(row.getByText('552 (10 nodes)')).toBeInTheDocument();
    expect(row.getByText('136')).toBeInTheDocument();
    expect(screen.getByTestId('subnet-status-1')).toHaveTextContent('OK');
    expect(
      screen.getByRole('button', { name: "Use the preset's layout" }),
    ).toBeDisabled();

    fireEvent.change(screen.getByLabelText('Private subnet eu-west-3b'), {
      target: { value: '10.30.64.0/24' },
    });
    expect(onChange).toHaveBeenLastCalledWith({
      ...value,
      privateSubnetCidrs: ['10.30.32.0/19', '10.30.64.0/24', '10.30.96.0/19'],
    });

    fireEvent.change(screen.getByLabelText('VPC CIDR'), {
      target: { value: '10.40.0.0/16' },
    });
    expect(onChange).toHaveBeenLastCalledWith({
      ...value,
      vpcCidr: '10.40.0.0/16',
    });
  });

  it('says where a private subnet runs out and restores the preset', async () => {
    const onChange = jest.fn();
    const value = {
      ...presetLayout('production'),
      privateSubnetCidrs: ['10.30.32.0/24', '10.30.33.0/24', '10.30.0.0/24'],
    };
    await renderInTestApp(
      <EksSubnetLayoutPicker
        {...fieldProps<SubnetLayoutValue>({
          onChange,
          formData: value,
          formContext: { formData: PRODUCTION_FORM },
        })}
      />,
    );
    expect(screen.getByTestId('subnet-status-0')).toHaveTextContent(
      'runs out at 4 nodes — use a /22 or larger',
    );
    expect(screen.getByTestId('subnet-status-0')).toHaveAttribute(
      'title',
      expect.stringContaining('private subnet 10.30.32.0/24 in eu-west-3a'),
    );
    expect(
      screen.getByText(
        'subnet 10.30.0.0/24 overlaps publicSubnetCidrs[0] (10.30.0.0/24)',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: "Use the preset's layout" }),
    );
    expect(onChange).toHaveBeenLastCalledWith(presetLayout('production'));
  });
});
