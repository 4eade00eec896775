import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SloReportResponse } from '@internal/plugin-eks-platform-common';
import { SloApi, sloApiRef } from '../../api/sloApi';
import { EksSloCard } from './EksSloCard';
import { TEST_DEFINITION, testSloReport } from './__testUtils__/testSloReport';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dpj-prod-cluster',
    namespace: 'default',
    annotations: {
      'eks-platform/slo-total':
        'http_requests_total{cluster="dpj-prod-cluster"}',
      'eks-platform/slo-bad':
        'http_requests_total{cluster="dpj-prod-cluster",code=~"5.."}',
    },
  },
  spec: { type: 'kubernetes-cluster' },
};

async function renderCard(api: SloApi, entity: Entity = cluster) {
  await renderInTestApp(
    <TestApiProvider apis={[[sloApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EksSloCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EksSloCard', () => {
  it('shows status, attainment, budget left in %, minutes and requests, and the burn now', async () => {
    const getSloReport = jest.fn(
      async (): Promise<SloReportResponse> => ({
        entityRef: 'resource:default/dpj-prod-cluster',
        status: 'ok',
        report: testSloReport(),
      }),
    );
    await renderCard({ getSloReport });
    // 74 of 864,000 failed: 99.9914%, 1 − 74/864 = 91.4% of 43.2 min = 39.5 min, 790 requests.
    expect(await screen.findByTestId('slo-attainment-30d')).toHaveTextContent(
      '99.9914%',
    );
    expect(screen.getByTestId('slo-status')).toHaveTextContent(
      'meets objective (99.9%)',
    );
    expect(screen.getByTestId('slo-budget-left')).toHaveTextContent(
      '91.4% · 39.5 min · 790 bad requests',
    );
    // Last hour: 24 of 1,200 failed = 2% = 20× the allowed 0.1%.
    expect(screen.getByTestId('slo-burn-now')).toHaveTextContent('20.00×');
    expect(screen.getByTestId('slo-alert')).toHaveTextContent(
      'page: 14.4× (1h / 5m) burn',
    );
    expect(getSloReport).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'dpj-prod-cluster',
    });
  });

  it('says when the entity has no SLO, without calling the backend', async () => {
    const getSloReport = jest.fn();
    await renderCard(
      { getSloReport },
      { ...cluster, metadata: { name: 'plain' } },
    );
    expect(screen.getByText('No SLO defined')).toBeInTheDocument();
    expect(getSloReport).not.toHaveBeenCalled();
  });

  it('shows a Prometheus error as such', async () => {
    await renderCard({
      getSloReport: async () => ({
        entityRef: 'resource:default/dpj-prod-cluster',
        status: 'error',
        definition: TEST_DEFINITION,
        error: {
          source: 'prometheus',
          message: 'Prometheus is unreachable: fetch failed',
        },
      }),
    });
    expect(
      await screen.findByText(
        'Error: Prometheus failed to answer the SLO queries',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Prometheus is unreachable: fetch failed'),
    ).toBeInTheDocument();
  });

  it('shows backend errors such as an invalid definition', async () => {
    await renderCard({
      getSloReport: async () => {
        throw new Error('eks-platform/slo-bad must end with "}"');
      },
    });
    expect(
      (await screen.findAllByText(/eks-platform\/slo-bad must end with "}"/))
        .length,
    ).toBeGreaterThan(0);
  });
});
