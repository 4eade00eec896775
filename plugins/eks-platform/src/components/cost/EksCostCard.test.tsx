import { screen } from '@testing-library/react';
import { EksCostCard } from './EksCostCard';
import { testClusterCostReport } from './__testUtils__/testReports';
import {
  costApi,
  renderWithCost,
  responseError,
} from './__testUtils__/renderWithCost';

describe('EksCostCard', () => {
  it('shows month to date, projection against budget and the change, with a link to the tab', async () => {
    const getClusterCost = jest.fn(async () =>
      testClusterCostReport({
        range: { start: '2026-11-01', end: '2026-11-21', months: 1 },
      }),
    );
    await renderWithCost(costApi({ getClusterCost }), <EksCostCard />);

    expect(await screen.findByTestId('cost-card-mtd')).toHaveTextContent(
      '2,274.00 USD',
    );
    expect(getClusterCost).toHaveBeenCalledWith(
      { namespace: 'default', name: 'dpj-prod-cluster' },
      { months: 1, metric: 'UnblendedCost' },
    );
    expect(screen.getByTestId('cost-card-projected')).toHaveTextContent(
      '3,524.50 USD',
    );
    expect(screen.getByTestId('cost-card-budget')).toHaveTextContent(
      '3,500.00 USD (100.7% projected)',
    );
    expect(screen.getByTestId('budget-status')).toHaveTextContent('at risk');
    expect(screen.getByTestId('cost-card-mom')).toHaveTextContent('+22.9%');
    expect(screen.getByTestId('growth-alert')).toBeInTheDocument();
    expect(screen.getByTestId('estimated-chip')).toBeInTheDocument();
    expect(
      screen.getByText(/Last complete day: 2026-11-18/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View cost details/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/dpj-prod-cluster/cost',
    );
  });

  it('says, compactly, when the viewer may not see cost', async () => {
    await renderWithCost(
      costApi({
        getClusterCost: async () => {
          throw await responseError(403, 'NotAllowedError', 'Unauthorized');
        },
      }),
      <EksCostCard />,
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Not permitted to view cost',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('cost-card-mtd')).not.toBeInTheDocument();
  });

  it("says why, in the backend's words, when the product does not manage the cluster", async () => {
    const reason =
      "resource:default/dpj-prod-cluster is not a managed cluster: its annotations come from url:https://evil.example/catalog-info.yaml, which is not this product's EKS catalog provider or a configured catalog location";
    await renderWithCost(
      costApi({
        getClusterCost: async () => {
          throw await responseError(404, 'NotManagedClusterError', reason);
        },
      }),
      <EksCostCard />,
    );
    expect(await screen.findByTestId('cost-not-managed')).toHaveTextContent(
      `Not a managed cluster${reason}`,
    );
    expect(screen.queryByText('Entity not found')).not.toBeInTheDocument();
  });
});
