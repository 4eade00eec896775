import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { RollbackRequest } from '@internal/plugin-eks-platform-common';
import {
  DeploymentsApi,
  deploymentsApiRef,
  DeploymentsEntityRef,
} from '../../api/deploymentsApi';
import { EksDeploymentsCard } from './EksDeploymentsCard';
import { EksDeploymentsContent } from './EksDeploymentsContent';
import { testDeploymentsReport } from './__testUtils__/testDeploymentsReport';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dpj-staging-cluster',
    namespace: 'default',
    annotations: {
      'argocd/app-selector': 'eks-platform/environment-name=dpj-staging',
    },
  },
  spec: { type: 'kubernetes-cluster' },
};

function mockApi(
  report = testDeploymentsReport(),
): jest.Mocked<DeploymentsApi> {
  return {
    getDeployments: jest.fn(async (_ref: DeploymentsEntityRef) => report),
    sync: jest.fn(async (_ref: DeploymentsEntityRef, _app: string) => ({
      application: 'dpj-staging-dpj-api',
      message: 'ArgoCD started a sync of dpj-staging-dpj-api to 2.14.0',
      automatedSyncSuspended: false,
    })),
    rollback: jest.fn(
      async (
        _ref: DeploymentsEntityRef,
        _app: string,
        _request: RollbackRequest,
      ) => ({
        application: 'dpj-staging-dpj-api',
        message:
          'ArgoCD suspended automated sync, then started a rollback of dpj-staging-dpj-api to deployment 1',
        automatedSyncSuspended: true,
      }),
    ),
  };
}

async function render(api: DeploymentsApi, element: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <EntityProvider entity={cluster}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}

describe('EksDeploymentsContent', () => {
  it('shows the Degraded application, its history and the budget each deployment burned', async () => {
    const api = mockApi();
    await render(api, <EksDeploymentsContent />);
    const panel = await screen.findByTestId('deployment-dpj-staging-dpj-api');
    expect(within(panel).getByTestId('deployment-health')).toHaveTextContent(
      'Degraded',
    );
    expect(
      within(panel).getByTestId('deployment-health-message'),
    ).toHaveTextContent('Deployment "dpj-api" exceeded its progress deadline');
    const bad = within(panel).getByTestId('history-2');
    expect(bad).toHaveTextContent('2.14.0 (running)');
    expect(bad).toHaveTextContent('automated sync');
    expect(within(bad).getByTestId('impact-burning')).toHaveTextContent(
      '136.1% of budget · 163.3× burn',
    );
    const good = within(panel).getByTestId('history-1');
    expect(good).toHaveTextContent('chloe.durand');
    expect(within(good).getByTestId('impact')).toHaveTextContent(
      '0.25% of budget · 0.3× burn',
    );
    expect(screen.getByTestId('slo-note')).toHaveTextContent(
      'of the 99.9% SLO burned in the 6 hours after it',
    );
    expect(api.getDeployments).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'dpj-staging-cluster',
    });
  });

  it('rolls back only once automated sync is to be suspended, then reloads', async () => {
    const api = mockApi();
    await render(api, <EksDeploymentsContent />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Roll back to 1' }),
    );
    const dialog = screen.getByTestId('rollback-dialog');
    expect(
      within(dialog).getByTestId('rollback-automated-note'),
    ).toHaveTextContent('ArgoCD refuses a rollback the next sync would undo');
    const confirm = within(dialog).getByRole('button', { name: 'Roll back' });
    expect(confirm).toBeDisabled();
    fireEvent.click(within(dialog).getByLabelText('Suspend automated sync'));
    expect(confirm).toBeEnabled();
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(api.rollback).toHaveBeenCalledWith(
        { kind: 'Resource', namespace: 'default', name: 'dpj-staging-cluster' },
        'dpj-staging-dpj-api',
        { id: 1, suspendAutomatedSync: true },
      ),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'ArgoCD suspended automated sync, then started a rollback of dpj-staging-dpj-api to deployment 1',
    );
    await waitFor(() => expect(api.getDeployments).toHaveBeenCalledTimes(2));
  });

  it('offers no action the server refused, and says why', async () => {
    const api = mockApi(
      testDeploymentsReport({
        actions: {
          sync: false,
          rollback: false,
          reason:
            "The permission policy lets the staging environment's deployments be changed by members of group:default/platform-team and the production admins",
        },
      }),
    );
    await render(api, <EksDeploymentsContent />);
    expect(await screen.findByTestId('actions-note')).toHaveTextContent(
      'members of group:default/platform-team',
    );
    expect(screen.queryByRole('button', { name: /Roll back/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('syncs an application from its panel', async () => {
    const api = mockApi();
    await render(api, <EksDeploymentsContent />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sync now' }));
    await waitFor(() =>
      expect(api.sync).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'dpj-staging-cluster' }),
        'dpj-staging-dpj-api',
      ),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'ArgoCD started a sync',
    );
  });
});

describe('EksDeploymentsCard', () => {
  it("lists what runs, its health and the last deployment's budget", async () => {
    await render(mockApi(), <EksDeploymentsCard />);
    const card = await screen.findByTestId('eks-deployments-card');
    await waitFor(() =>
      expect(card).toHaveTextContent('dpj-staging-dpj-api 2.14.0, 4 days ago'),
    );
    expect(within(card).getByTestId('deployment-health')).toHaveTextContent(
      'Degraded',
    );
    expect(within(card).getByTestId('impact-burning')).toHaveTextContent(
      '136.1% of budget',
    );
  });
});
