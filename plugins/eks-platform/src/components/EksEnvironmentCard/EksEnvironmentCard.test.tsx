import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { UpgradeApi, upgradeApiRef } from '../../api/upgradeApi';
import { screen } from '@testing-library/react';
import { EksEnvironmentCard } from './EksEnvironmentCard';

function clusterEntity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'dpj-prod-cluster', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
  };
}

describe('EksEnvironmentCard', () => {
  it('shows environment, account, region name and the support phase of the Kubernetes version', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={clusterEntity({
          'eks-platform/environment': 'production',
          'eks-platform/region': 'eu-west-3',
          'eks-platform/kubernetes-version': '1.35',
          'kubernetes.io/aws-account-id': '333333333333',
        })}
      >
        <EksEnvironmentCard today={new Date('2026-11-26T00:00:00Z')} />
      </EntityProvider>,
    );

    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText('333333333333')).toBeInTheDocument();
    expect(screen.getByText('eu-west-3 — Europe (Paris)')).toBeInTheDocument();
    expect(screen.getByText('1.35 (standard support)')).toBeInTheDocument();
    expect(screen.queryByText(/out of EKS support/)).not.toBeInTheDocument();
  });

  it("warns when the cluster runs the ADR's unsupported Kubernetes 1.28", async () => {
    await renderInTestApp(
      <EntityProvider
        entity={clusterEntity({ 'eks-platform/kubernetes-version': '1.28' })}
      >
        <EksEnvironmentCard today={new Date('2026-11-26T00:00:00Z')} />
      </EntityProvider>,
    );

    expect(
      screen.getByText('Error: Kubernetes 1.28 is out of EKS support'),
    ).toBeInTheDocument();
  });

  it('shows the version EKS runs, the next upgrade with its insights and the prefilled template link', async () => {
    const api: UpgradeApi = {
      getUpgradeReadiness: jest.fn(async () => ({
        clusterName: 'dpj-staging-cluster',
        version: '1.35',
        versionStatus: 'STANDARD_SUPPORT',
        endOfStandardSupport: '2027-03-27',
        nextVersion: '1.36',
        insights: { error: 1, warning: 0, passing: 0, unknown: 0 },
        upgradeForm: {
          environment: 'staging',
          name: 'dpj-staging',
          account: '222222222222',
          region: 'eu-west-3',
          targetVersion: '1.36',
        },
      })),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[upgradeApiRef, api]]}>
        <EntityProvider
          entity={clusterEntity({
            'eks-platform/environment': 'staging',
            'eks-platform/region': 'eu-west-3',
            'eks-platform/kubernetes-version': '1.35',
            'kubernetes.io/aws-account-id': '222222222222',
          })}
        >
          <EksEnvironmentCard today={new Date('2026-11-26T00:00:00Z')} />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('upgrade-running')).toHaveTextContent(
      '1.35, standard support until 2027-03-27',
    );
    expect(screen.getByTestId('upgrade-next')).toHaveTextContent(
      '1.36 · upgrade insights: 1 error',
    );
    const link = screen.getByTestId('upgrade-link');
    expect(link).toHaveTextContent('Upgrade to 1.36');
    const href = link.getAttribute('href')!;
    expect(
      href.startsWith(
        '/create/templates/default/eks-cluster-upgrade?formData=',
      ),
    ).toBe(true);
    expect(JSON.parse(decodeURIComponent(href.split('formData=')[1]))).toEqual({
      environment: 'staging',
      name: 'dpj-staging',
      account: '222222222222',
      region: 'eu-west-3',
      targetVersion: '1.36',
    });
  });
});
