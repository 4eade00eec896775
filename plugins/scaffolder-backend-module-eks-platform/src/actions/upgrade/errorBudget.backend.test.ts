import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The test starts the real route the action calls; product code never imports it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import eksPlatformPlugin from '@internal/plugin-eks-platform-backend';
import { useSandboxActionFixture } from '../__testUtils__/sandboxActionFixture';
import { backendErrorBudgetSource } from './errorBudget';

// The real SLO route of the eks-platform backend, on the sandbox's Prometheus history.
jest.setTimeout(60_000);

const PROD = 'dpj-prod-cluster';
const productionCluster = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: PROD,
    namespace: 'default',
    annotations: {
      'eks-platform/slo-objective': '99.9',
      'eks-platform/slo-total': `http_requests_total{cluster="${PROD}",namespace="dpj"}`,
      'eks-platform/slo-bad': `http_requests_total{cluster="${PROD}",namespace="dpj",code=~"5.."}`,
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
};

describe('backendErrorBudgetSource against the eks-platform backend', () => {
  const fixture = useSandboxActionFixture({ seed: true });

  async function source() {
    const backend = await startTestBackend({
      features: [
        eksPlatformPlugin,
        catalogServiceMock.factory({ entities: [productionCluster] }),
        mockServices.rootConfig.factory({
          data: {
            eksPlatform: {
              prometheus: { baseUrl: `${fixture.sandbox.url}/prometheus` },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    return backendErrorBudgetSource({
      discovery: {
        getBaseUrl: async pluginId =>
          `http://127.0.0.1:${port}/api/${pluginId}`,
      },
      auth: mockServices.auth(),
    });
  }

  it("reads production's 30-day error budget from its SLO report, as the user", async () => {
    const reading = await (
      await source()
    ).read({ namespace: 'default', name: PROD }, mockCredentials.user());
    expect(reading.objectivePercent).toBe(99.9);
    // A share of the budget: at most all of it, negative once overspent.
    expect(typeof reading.remainingPercent).toBe('number');
    expect(reading.remainingPercent).toBeLessThanOrEqual(100);
  });

  it('refuses with the route’s own message for a cluster the catalog does not show', async () => {
    await expect(
      (
        await source()
      ).read(
        { namespace: 'default', name: 'dpj-hidden-cluster' },
        mockCredentials.user(),
      ),
    ).rejects.toThrow(
      'the eks-platform backend answered 404: No entity resource:default/dpj-hidden-cluster in the catalog',
    );
  });
});
