import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EksCostPage } from './EksCostPage';
import { financeCostCsv } from './financeCsv';
import { testFinanceCostReport } from '../__testUtils__/testReports';
import {
  costApi,
  renderWithCost,
  responseError,
  stubBrowserApis,
} from '../__testUtils__/renderWithCost';

/** Rendering the whole tab or page twice takes long on a loaded 2-core CI machine. */
const PAGE_RENDER_TIMEOUT_MS = 60_000;

/** The table row of an environment, found by its link. */
function rowOf(title: string) {
  return within(screen.getByRole('link', { name: title }).closest('tr')!);
}

/** The cluster titles of the table's body rows, top to bottom. */
function clusterOrder(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent ?? '');
}

describe('EksCostPage', () => {
  let blobs: Blob[];
  beforeAll(() => {
    blobs = stubBrowserApis();
  });

  it(
    'shows totals, one row per environment and the chart, on amortized cost',
    async () => {
      const report = testFinanceCostReport();
      const getEnvironmentCosts = jest.fn(async () => report);
      const { container } = await renderWithCost(
        costApi({ getEnvironmentCosts }),
        <EksCostPage />,
      );

      expect(
        screen.getByRole('heading', { name: 'Cloud cost' }),
      ).toBeInTheDocument();
      expect(await screen.findByTestId('finance-total-mtd')).toHaveTextContent(
        '2,874.00 USD',
      );
      expect(getEnvironmentCosts).toHaveBeenCalledWith({
        metric: 'AmortizedCost',
      });
      expect(screen.getByTestId('finance-total-projected')).toHaveTextContent(
        '4,434.75 USD',
      );
      expect(screen.getByTestId('finance-total-budget')).toHaveTextContent(
        '5,000.00 USD',
      );
      expect(screen.getByTestId('finance-without-figures')).toHaveTextContent(
        '1 environment',
      );
      expect(screen.getByText('Totals for 2026-11')).toBeInTheDocument();

      const prod = rowOf('DPJ production');
      expect(
        prod.getByRole('link', { name: 'DPJ production' }),
      ).toHaveAttribute(
        'href',
        '/catalog/default/resource/dpj-prod-cluster/cost',
      );
      expect(prod.getByText('111122223333')).toBeInTheDocument();
      expect(prod.getByText('2,274.00 USD')).toBeInTheDocument();
      // The forecast mean, with its interval on a line of its own.
      expect(prod.getByText('1,250.50 USD')).toBeInTheDocument();
      expect(
        prod.getByText('1,100.00–1,400.75 USD, 80% interval'),
      ).toBeInTheDocument();
      expect(prod.getByText('3,524.50 USD')).toBeInTheDocument();
      expect(prod.getByText('100.7%')).toBeInTheDocument();
      expect(prod.getByText('at risk')).toBeInTheDocument();
      expect(prod.getByText('+22.9%')).toBeInTheDocument();
      expect(prod.getByText('growth alert')).toBeInTheDocument();

      const staging = rowOf('DPJ staging');
      expect(staging.getByText('-4.2%')).toBeInTheDocument();
      expect(staging.getByText('under budget')).toBeInTheDocument();
      expect(staging.queryByText('growth alert')).not.toBeInTheDocument();

      const dev = rowOf('DPJ development');
      expect(
        dev.getByText('Cost Explorer denied access: AccessDeniedException'),
      ).toBeInTheDocument();

      // Projected and budget bars for the two environments with figures.
      expect(container.querySelectorAll('.recharts-bar-rectangle').length).toBe(
        4,
      );

      const link = screen.getByRole('link', { name: 'Export CSV' });
      expect(link).toHaveAttribute(
        'download',
        'cloud-cost-2026-11-AmortizedCost.csv',
      );
      expect(await blobs[blobs.length - 1].text()).toBe(financeCostCsv(report));
    },
    PAGE_RENDER_TIMEOUT_MS,
  );

  it(
    'sorts by month to date, environments without figures last',
    async () => {
      await renderWithCost(
        costApi({ getEnvironmentCosts: async () => testFinanceCostReport() }),
        <EksCostPage />,
      );
      await screen.findByTestId('finance-total-mtd');
      expect(clusterOrder()).toEqual([
        'DPJ production',
        'DPJ staging',
        'DPJ development',
      ]);
      await userEvent.click(screen.getByText('Month to date'));
      await waitFor(() =>
        expect(clusterOrder()).toEqual([
          'DPJ staging',
          'DPJ production',
          'DPJ development',
        ]),
      );
    },
    PAGE_RENDER_TIMEOUT_MS,
  );

  it(
    'asks again with the chosen metric',
    async () => {
      // One environment keeps the two renders quick.
      const report = testFinanceCostReport();
      const getEnvironmentCosts = jest.fn(async () => ({
        ...report,
        environments: report.environments.slice(0, 1),
      }));
      await renderWithCost(costApi({ getEnvironmentCosts }), <EksCostPage />);
      await screen.findByTestId('finance-total-mtd');
      await userEvent.click(screen.getByRole('radio', { name: /^Unblended/ }));
      await waitFor(() =>
        expect(getEnvironmentCosts).toHaveBeenLastCalledWith({
          metric: 'UnblendedCost',
        }),
      );
    },
    PAGE_RENDER_TIMEOUT_MS,
  );

  it('explains a missing permission instead of showing figures', async () => {
    await renderWithCost(
      costApi({
        getEnvironmentCosts: async () => {
          throw await responseError(403, 'NotAllowedError', 'Unauthorized');
        },
      }),
      <EksCostPage />,
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Not permitted to view cost',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
