import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { readCostConfig } from './config';
import { CostExplorerSource } from './costExplorerSource';
import { CostQueryCache } from './queryCache';
import { CostReporter } from './costReporter';
import { clusterEntity } from './__testUtils__/costFixture';

const entity = clusterEntity(
  { name: 'dpj-dev-cluster', environment: 'dev', accountId: '111111111111' },
  { 'eks-platform/cost-allocation-tags': 'environment=dev,project=dpj' },
);

/** Every query answers one day of EKS cost; counts the calls. */
function countingSource() {
  const calls = { usage: 0, forecast: 0 };
  const source = {
    getCostAndUsage: async () => {
      calls.usage += 1;
      return {
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-10-13', End: '2026-10-14' },
            Total: {},
            Groups: [
              {
                Keys: ['Amazon Elastic Kubernetes Service'],
                Metrics: { UnblendedCost: { Amount: '2.4', Unit: 'USD' } },
              },
            ],
            Estimated: false,
          },
        ],
      };
    },
    getCostForecast: async () => {
      calls.forecast += 1;
      return { available: false as const, reason: 'no history' };
    },
  } as unknown as CostExplorerSource;
  return { source, calls };
}

function reporterWith(source: CostExplorerSource) {
  const store = new Map<string, unknown>();
  const cacheService = mockServices.cache.mock({
    get: jest.fn(async (key: string) => store.get(key) as any),
    set: jest.fn(async (key: string, value: unknown) => {
      store.set(key, value);
    }),
  });
  const cache = new CostQueryCache(cacheService, 60_000);
  return new CostReporter({
    source,
    cache,
    config: readCostConfig(new ConfigReader({})),
    logger: mockServices.logger.mock(),
    now: () => new Date('2026-10-14T15:00:00Z'),
  });
}

describe('CostReporter', () => {
  it('reuses a composed report until an answer is stored again', async () => {
    const { source, calls } = countingSource();
    const reporter = reporterWith(source);

    const first = await reporter.clusterReport(entity, 'UnblendedCost', 3);
    // The first composition stored its own answers: the next view composes once more.
    const second = await reporter.clusterReport(entity, 'UnblendedCost', 3);
    const third = await reporter.clusterReport(entity, 'UnblendedCost', 3);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(calls.usage).toBe(5);

    // A refresh stores new answers: the composed report is not served any more.
    await reporter.warm(entity, 'UnblendedCost');
    expect(calls.usage).toBe(10);
    const afterRefresh = await reporter.clusterReport(
      entity,
      'UnblendedCost',
      3,
    );
    expect(afterRefresh).not.toBe(third);
    expect(afterRefresh.daily).toEqual(third.daily);
    expect(calls.usage).toBe(10);
  });

  it('composes each metric and range on its own', async () => {
    const { source } = countingSource();
    const reporter = reporterWith(source);
    await reporter.clusterReport(entity, 'UnblendedCost', 3);
    const unblended = await reporter.clusterReport(entity, 'UnblendedCost', 3);
    const amortized = await reporter.clusterReport(entity, 'AmortizedCost', 3);
    const oneMonth = await reporter.clusterReport(entity, 'UnblendedCost', 1);
    expect(amortized.metric).toBe('AmortizedCost');
    expect(oneMonth.range.months).toBe(1);
    expect(unblended.range.months).toBe(3);
  });
});
