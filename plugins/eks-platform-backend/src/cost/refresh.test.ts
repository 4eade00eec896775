import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';
import { CostReporter } from './costReporter';
import { refreshCostCache } from './refresh';

const PROVIDER_LOCATION = 'eks-platform-clusters:111111111111/eu-west-3';

function resource(
  name: string,
  type: string,
  location = PROVIDER_LOCATION,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'kubernetes.io/aws-account-id': '111111111111',
      },
    },
    spec: { type },
  };
}

const trust = ClusterEntityTrust.fromConfig(
  new ConfigReader({
    aws: {
      accounts: [
        {
          accountId: '111111111111',
          accessKeyId: 'AKIDTEST',
          secretAccessKey: 'test',
        },
      ],
    },
  }),
);

const ENTITIES = [
  resource('alpha', 'kubernetes-cluster'),
  resource('beta', 'kubernetes-cluster'),
  resource('gamma', 'kubernetes-cluster'),
  resource('bucket', 's3-bucket'),
];

describe('refreshCostCache', () => {
  it('warms the cost tab and finance metrics of every cluster, counts failures and logs one summary line', async () => {
    const warm = jest.fn(async (entity: Entity, metric: string) => {
      if (entity.metadata.name === 'beta' && metric === 'AmortizedCost') {
        throw new Error(
          'Cost Explorer GetCostAndUsage failed for account 222222222222: LimitExceededException: Rate exceeded',
        );
      }
      return 6;
    });
    const logger = mockServices.logger.mock();
    const summary = await refreshCostCache({
      catalog: catalogServiceMock({ entities: ENTITIES }),
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      reporter: { warm } as unknown as CostReporter,
      logger,
      trust,
    });
    expect(summary).toEqual({ clusters: 3, queries: 5 * 6, failures: 1 });
    expect(
      warm.mock.calls.map(([entity, metric]) => [entity.metadata.name, metric]),
    ).toEqual(
      expect.arrayContaining([
        ['alpha', 'UnblendedCost'],
        ['alpha', 'AmortizedCost'],
        ['beta', 'UnblendedCost'],
        ['beta', 'AmortizedCost'],
        ['gamma', 'UnblendedCost'],
        ['gamma', 'AmortizedCost'],
      ]),
    );
    expect(warm).toHaveBeenCalledTimes(6);
    expect(logger.warn).toHaveBeenCalledWith(
      'Cost refresh of resource:default/beta (AmortizedCost) failed: Cost Explorer GetCostAndUsage failed for account 222222222222: LimitExceededException: Rate exceeded',
    );
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      'Cost refresh: 3 clusters, 30 queries, 1 failures',
    );
  });

  it('stops starting clusters once the task is aborted', async () => {
    const controller = new AbortController();
    const warm = jest.fn(async () => {
      // Aborted while the first cluster's first metric runs.
      controller.abort();
      return 6;
    });
    const summary = await refreshCostCache({
      catalog: catalogServiceMock({ entities: ENTITIES }),
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      reporter: { warm } as unknown as CostReporter,
      logger: mockServices.logger.mock(),
      trust,
      signal: controller.signal,
    });
    // The run in progress completes; no other metric or cluster starts.
    expect(warm).toHaveBeenCalledTimes(1);
    expect(summary).toEqual({ clusters: 3, queries: 6, failures: 0 });
  });

  it('skips the cluster entities it does not manage and names them in one warning', async () => {
    const warm = jest.fn(async () => 6);
    const logger = mockServices.logger.mock();
    const summary = await refreshCostCache({
      catalog: catalogServiceMock({
        entities: [
          ...ENTITIES,
          resource(
            'evil',
            'kubernetes-cluster',
            'url:https://evil.example/catalog-info.yaml',
          ),
        ],
      }),
      auth: mockServices.auth({ pluginId: 'eks-platform' }),
      reporter: { warm } as unknown as CostReporter,
      logger,
      trust,
    });
    expect(summary).toEqual({ clusters: 3, queries: 6 * 6, failures: 0 });
    expect(
      warm.mock.calls.map(
        call => (call as unknown as [Entity])[0].metadata.name,
      ),
    ).not.toContain('evil');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      "Cost refresh skips the cluster entities it does not manage: resource:default/evil is not a managed cluster: its annotations come from url:https://evil.example/catalog-info.yaml, which is not this product's EKS catalog provider or a configured catalog location",
    );
  });
});
