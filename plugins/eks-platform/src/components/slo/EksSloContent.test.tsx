import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { sloApiRef } from '../../api/sloApi';
import { EksSloContent } from './EksSloContent';
import { sloReportCsv } from './sloCsv';
import { testSloReport } from './__testUtils__/testSloReport';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dpj-prod-cluster',
    namespace: 'default',
    annotations: {
      'eks-platform/slo-uptime': 'probe_success{cluster="dpj-prod-cluster"}',
    },
  },
  spec: { type: 'kubernetes-cluster' },
};

describe('EksSloContent', () => {
  const blobs: Blob[] = [];
  beforeAll(() => {
    // jsdom has neither ResizeObserver (recharts) nor object URLs.
    (globalThis as any).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:slo-csv';
    };
    URL.revokeObjectURL = () => {};
  });

  it('shows the windows, burn-rate alerts, monthly history and a CSV link', async () => {
    const report = testSloReport();
    const { container } = await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            sloApiRef,
            {
              getSloReport: async () => ({
                entityRef: 'x',
                status: 'ok' as const,
                report,
              }),
            },
          ],
        ]}
      >
        <EntityProvider entity={cluster}>
          <EksSloContent />
        </EntityProvider>
      </TestApiProvider>,
    );

    expect(await screen.findByText('Availability: 99.9%')).toBeInTheDocument();
    const windows = screen.getByRole('table', { name: 'SLO windows' });
    expect(within(windows).getByText('864,000')).toBeInTheDocument();
    expect(within(windows).getByText('39.5 min')).toBeInTheDocument();

    const page = within(screen.getByTestId('burn-rate-14.4'));
    expect(page.getByText('14.4× (1h / 5m)')).toBeInTheDocument();
    expect(page.getAllByText('20.00×')).toHaveLength(2);
    expect(page.getByText('yes')).toBeInTheDocument();
    // 91.4% of 720 h at 20×: 32.9 h.
    expect(page.getByText('32.9 h')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('burn-rate-1')).getByText('no'),
    ).toBeInTheDocument();

    expect(
      within(screen.getByTestId('month-2026-10')).getByText('pass'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('month-2026-11')).getByText('in-progress'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('month-2026-05')).getByText('no-data'),
    ).toBeInTheDocument();

    // Burn-down (budget left and ideal line) and daily attainment are drawn as SVG.
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(
      container.querySelectorAll('.recharts-bar-rectangle').length,
    ).toBeGreaterThanOrEqual(30);

    const link = screen.getByRole('link', { name: 'Export CSV' });
    expect(link).toHaveAttribute('href', 'blob:slo-csv');
    expect(link).toHaveAttribute(
      'download',
      'slo-dpj-prod-cluster-2026-11-20.csv',
    );
    expect(blobs[blobs.length - 1].type).toBe('text/csv');
  });
});

describe('sloReportCsv', () => {
  it('holds the figures as shown on the tab', () => {
    const lines = sloReportCsv(testSloReport()).split('\n');
    expect(lines[0]).toBe(
      'objective,99.9%,evaluated at,2026-11-20T12:00:00.000Z',
    );
    expect(lines[2]).toBe(
      'rolling 30 days,99.9914%,"863,926","864,000",91.4%,39.5 min,790,meets objective',
    );
    expect(lines).toContain('14.4× (1h / 5m),page,20.00×,20.00×,yes,32.9 h');
    expect(lines).toContain(
      '2026-10,100.0000%,"892,800","892,800",100.0%,44.6 min,pass',
    );
    expect(lines).toContain('2026-11-15,99.8264%,"28,750","28,800"');
  });
});
