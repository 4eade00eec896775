import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
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
});
