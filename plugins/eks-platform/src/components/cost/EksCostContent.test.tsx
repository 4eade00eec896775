import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EksCostContent } from './EksCostContent';
import { clusterCostCsv } from './costCsv';
import { testClusterCostReport } from './__testUtils__/testReports';
import {
  costApi,
  renderWithCost,
  responseError,
  stubBrowserApis,
} from './__testUtils__/renderWithCost';

/** Rendering the whole tab or page twice takes long on a loaded 2-core CI machine. */
const PAGE_RENDER_TIMEOUT_MS = 60_000;

/** Figures without the daily, monthly and breakdown detail: quick to render again. */
const summaryOnly = () =>
  testClusterCostReport({ daily: [], monthly: [], breakdowns: [] });

describe('EksCostContent', () => {
  let blobs: Blob[];
  beforeAll(() => {
    blobs = stubBrowserApis();
  });

  it(
    'shows month to date against forecast and budget, with the growth alert',
    async () => {
      const report = testClusterCostReport();
      const getClusterCost = jest.fn(async () => report);
      const { container } = await renderWithCost(
        costApi({ getClusterCost }),
        <EksCostContent />,
      );

      expect(await screen.findByTestId('cost-mtd')).toHaveTextContent(
        '2,274.00 USD',
      );
      expect(getClusterCost).toHaveBeenCalledWith(
        { namespace: 'default', name: 'dpj-prod-cluster' },
        { months: 3, metric: 'UnblendedCost' },
      );
      expect(screen.getByTestId('cost-forecast')).toHaveTextContent(
        '1,250.50 USD (1,100.00–1,400.75 USD, 80% interval)',
      );
      expect(screen.getByTestId('cost-projected')).toHaveTextContent(
        '3,524.50 USD',
      );
      expect(screen.getByTestId('cost-budget')).toHaveTextContent(
        '3,500.00 USD',
      );
      expect(screen.getByText('Budget (from annotation)')).toBeInTheDocument();
      expect(screen.getByTestId('cost-budget-percent')).toHaveTextContent(
        '100.7%',
      );
      expect(screen.getByTestId('budget-status')).toHaveTextContent('at risk');
      expect(screen.getByTestId('cost-mom')).toHaveTextContent(
        '+22.9% vs same days last month (growth alert: above 20%)',
      );
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Growth alert: +22.9% against the same days of last month (1,850.00 USD → 2,274.00 USD), above the 20% threshold.',
      );

      // Honest about freshness and currency.
      expect(screen.getByTestId('cost-freshness')).toHaveTextContent(
        'Last complete day: 2026-11-18; figures after it are estimated',
      );
      expect(screen.getByTestId('estimated-chip')).toHaveTextContent(
        'Estimated',
      );
      expect(screen.getByTestId('cost-currency')).toHaveTextContent(
        'Amounts in USD · as of 2026-11-20 12:00 UTC',
      );

      // Daily cost stacked by service; the two estimated days are drawn lighter.
      expect(container.querySelectorAll('path.cost-day-final').length).toBe(9);
      expect(
        container.querySelectorAll('path.cost-day-estimated').length,
      ).toBeGreaterThanOrEqual(5);
      expect(
        container.querySelector('path.cost-day-estimated'),
      ).toHaveAttribute('fill-opacity', '0.4');

      const october = within(screen.getByTestId('cost-month-2026-10'));
      expect(october.getByText('3,105.46 USD')).toBeInTheDocument();
      expect(october.getByText('3,499.96 USD')).toBeInTheDocument();
      expect(october.getByText('complete')).toBeInTheDocument();
      expect(
        within(screen.getByTestId('cost-month-2026-11')).getByText(
          'partial, estimated',
        ),
      ).toBeInTheDocument();

      const purchase = within(
        screen.getByRole('table', { name: 'Cost by Purchase type' }),
      );
      expect(purchase.getByText('1,200.30 USD')).toBeInTheDocument();
      expect(purchase.getByText('59.6%')).toBeInTheDocument();
      expect(
        within(
          screen.getByRole('table', { name: 'Cost by Tag team' }),
        ).getByText('(untagged)'),
      ).toBeInTheDocument();

      expect(screen.getByTestId('spot-savings')).toHaveTextContent(
        '1,585.00 USD (66.0%)',
      );
      expect(screen.getByTestId('spot-on-demand')).toHaveTextContent(
        '2,400.00 USD',
      );
      expect(screen.getByTestId('spot-unpriced')).toHaveTextContent(
        'No list price for m7gd.metal',
      );

      const link = screen.getByRole('link', { name: 'Export CSV' });
      expect(link).toHaveAttribute('href', 'blob:cost-csv');
      expect(link).toHaveAttribute(
        'download',
        'cost-dpj-prod-cluster-UnblendedCost-2026-11-20.csv',
      );
      const blob = blobs[blobs.length - 1];
      expect(blob.type).toBe('text/csv');
      expect(await blob.text()).toBe(clusterCostCsv(report));
    },
    PAGE_RENDER_TIMEOUT_MS,
  );

  it('names the conversion and says when no day is final yet', async () => {
    await renderWithCost(
      costApi({
        getClusterCost: async () =>
          testClusterCostReport({
            currency: 'EUR',
            conversion: { from: 'USD', to: 'EUR', rate: 0.92 },
            lastCompleteDay: undefined,
          }),
      }),
      <EksCostContent />,
    );
    expect(await screen.findByTestId('cost-currency')).toHaveTextContent(
      'Amounts in EUR, converted from USD at 0.92 EUR per USD',
    );
    expect(screen.getByTestId('cost-freshness')).toHaveTextContent(
      'No complete day yet: every figure is estimated',
    );
    expect(screen.getByTestId('cost-mtd')).toHaveTextContent('2,274.00 EUR');
  });

  it(
    'asks again with the chosen metric and range',
    async () => {
      const getClusterCost = jest.fn(async () => summaryOnly());
      await renderWithCost(costApi({ getClusterCost }), <EksCostContent />);
      await screen.findByTestId('cost-mtd');

      await userEvent.click(screen.getByRole('radio', { name: /^Amortized/ }));
      await waitFor(() =>
        expect(getClusterCost).toHaveBeenLastCalledWith(
          { namespace: 'default', name: 'dpj-prod-cluster' },
          { months: 3, metric: 'AmortizedCost' },
        ),
      );
      fireEvent.change(screen.getByLabelText('Range'), {
        target: { value: '13' },
      });
      await waitFor(() =>
        expect(getClusterCost).toHaveBeenLastCalledWith(
          { namespace: 'default', name: 'dpj-prod-cluster' },
          { months: 13, metric: 'AmortizedCost' },
        ),
      );
      expect(await screen.findByTestId('cost-mtd')).toBeInTheDocument();
      expect(
        screen.getByText(/For finance and budgets: Savings Plan/),
      ).toBeInTheDocument();
    },
    PAGE_RENDER_TIMEOUT_MS,
  );

  it('explains a missing permission instead of showing figures', async () => {
    await renderWithCost(
      costApi({
        getClusterCost: async () => {
          throw await responseError(403, 'NotAllowedError', 'Unauthorized');
        },
      }),
      <EksCostContent />,
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Not permitted to view cost',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "You don't have permission to see AWS cost (eks-platform.cost.read). Ask the platform team or finance.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('cost-mtd')).not.toBeInTheDocument();
  });

  it("shows the backend's message when cost annotations are missing", async () => {
    await renderWithCost(
      costApi({
        getClusterCost: async () => {
          throw await responseError(
            400,
            'InputError',
            'eks-platform/cost-allocation-tags is missing on resource:default/dpj-prod-cluster',
          );
        },
      }),
      <EksCostContent />,
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Cost is not available for this entity',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'eks-platform/cost-allocation-tags is missing on resource:default/dpj-prod-cluster',
      ),
    ).toBeInTheDocument();
  });

  it(
    'offers a retry after other errors',
    async () => {
      const getClusterCost = jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(502, 'Error', 'Cost Explorer timed out'),
        )
        .mockResolvedValue(summaryOnly());
      await renderWithCost(costApi({ getClusterCost }), <EksCostContent />);
      expect(
        (await screen.findAllByText(/Cost Explorer timed out/)).length,
      ).toBeGreaterThan(0);
      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
      expect(await screen.findByTestId('cost-mtd')).toHaveTextContent(
        '2,274.00 USD',
      );
      expect(getClusterCost).toHaveBeenCalledTimes(2);
    },
    PAGE_RENDER_TIMEOUT_MS,
  );
});
