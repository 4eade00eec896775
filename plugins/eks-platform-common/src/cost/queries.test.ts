import { costPeriods } from './periods';
import {
  allOf,
  costAllocationFilter,
  costExplorerQueries,
  forecastMetric,
} from './queries';

const periods = costPeriods(new Date('2026-05-14T10:00:00Z'), 3);
const allocation = {
  accountId: '111122223333',
  tags: { project: 'dpj', environment: 'production' },
};
const account = {
  Dimensions: {
    Key: 'LINKED_ACCOUNT',
    Values: ['111122223333'],
    MatchOptions: ['EQUALS'],
  },
};
const filter = {
  And: [
    account,
    {
      Tags: {
        Key: 'environment',
        Values: ['production'],
        MatchOptions: ['EQUALS'],
      },
    },
    { Tags: { Key: 'project', Values: ['dpj'], MatchOptions: ['EQUALS'] } },
  ],
};

describe('costExplorerQueries', () => {
  const queries = costExplorerQueries({
    allocation,
    periods,
    metric: 'AmortizedCost',
    breakdownTags: ['team', 'cost-center', 'team'],
  });

  it('asks for daily costs by service over the range', () => {
    expect(queries.daily).toEqual({
      TimePeriod: { Start: '2026-03-01', End: '2026-05-15' },
      Granularity: 'DAILY',
      Filter: filter,
      Metrics: ['AmortizedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
  });

  it('asks for monthly cost and usage by purchase option and instance type', () => {
    expect(queries.purchaseAndInstanceType).toEqual({
      TimePeriod: { Start: '2026-03-01', End: '2026-05-15' },
      Granularity: 'MONTHLY',
      Filter: filter,
      Metrics: ['AmortizedCost', 'UsageQuantity'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'PURCHASE_TYPE' },
        { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
      ],
    });
  });

  it('asks for node groups and each configured tag once, in order', () => {
    expect(queries.nodeGroups.GroupBy).toEqual([
      { Type: 'TAG', Key: 'eks:nodegroup-name' },
    ]);
    expect(queries.nodeGroups.Granularity).toBe('MONTHLY');
    expect(queries.nodeGroups.Metrics).toEqual(['AmortizedCost']);
    expect(
      queries.tags.map(tag => [
        tag.tagKey,
        tag.request.GroupBy,
        tag.request.TimePeriod,
      ]),
    ).toEqual([
      [
        'team',
        [{ Type: 'TAG', Key: 'team' }],
        { Start: '2026-03-01', End: '2026-05-15' },
      ],
      [
        'cost-center',
        [{ Type: 'TAG', Key: 'cost-center' }],
        { Start: '2026-03-01', End: '2026-05-15' },
      ],
    ]);
  });

  it('forecasts today to month end in the UPPER_SNAKE metric name', () => {
    expect(queries.forecast).toEqual({
      TimePeriod: { Start: '2026-05-14', End: '2026-06-01' },
      Metric: 'AMORTIZED_COST',
      Granularity: 'MONTHLY',
      Filter: filter,
      PredictionIntervalLevel: 80,
    });
  });

  it('writes keys in a fixed order, whatever the order of the tags', () => {
    const swapped = costExplorerQueries({
      allocation: {
        accountId: '111122223333',
        tags: { environment: 'production', project: 'dpj' },
      },
      periods,
      metric: 'AmortizedCost',
      breakdownTags: ['team', 'cost-center'],
    });
    expect(JSON.stringify(swapped)).toBe(JSON.stringify(queries));
    expect(JSON.stringify(queries.nodeGroups)).toBe(
      '{"TimePeriod":{"Start":"2026-03-01","End":"2026-05-15"},"Granularity":"MONTHLY",' +
        '"Filter":{"And":[{"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["111122223333"],"MatchOptions":["EQUALS"]}},' +
        '{"Tags":{"Key":"environment","Values":["production"],"MatchOptions":["EQUALS"]}},' +
        '{"Tags":{"Key":"project","Values":["dpj"],"MatchOptions":["EQUALS"]}}]},' +
        '"Metrics":["AmortizedCost"],"GroupBy":[{"Type":"TAG","Key":"eks:nodegroup-name"}]}',
    );
    expect(JSON.stringify(queries.forecast)).toMatch(
      /^\{"TimePeriod":.*,"Metric":.*,"Granularity":.*,"Filter":.*,"PredictionIntervalLevel":80\}$/,
    );
  });

  it('starts the daily query a month early when the range does not cover the previous month', () => {
    const oneMonth = costExplorerQueries({
      allocation,
      periods: costPeriods(new Date('2026-01-10T10:00:00Z'), 1),
      metric: 'UnblendedCost',
      breakdownTags: [],
    });
    expect(oneMonth.daily.TimePeriod).toEqual({
      Start: '2025-12-01',
      End: '2026-01-11',
    });
    expect(oneMonth.nodeGroups.TimePeriod).toEqual({
      Start: '2026-01-01',
      End: '2026-01-11',
    });
    expect(oneMonth.tags).toEqual([]);
  });
});

describe('cost filters', () => {
  it('ANDs the account with a single tag: two operands', () => {
    expect(
      costAllocationFilter({
        accountId: '111122223333',
        tags: { environment: 'dpj-dev' },
      }),
    ).toEqual({
      And: [
        account,
        {
          Tags: {
            Key: 'environment',
            Values: ['dpj-dev'],
            MatchOptions: ['EQUALS'],
          },
        },
      ],
    });
  });

  it('never wraps a single expression in And, which Cost Explorer rejects', () => {
    expect(
      costAllocationFilter({ accountId: '111122223333', tags: {} }),
    ).toEqual(account);
    const tag = {
      Tags: {
        Key: 'team',
        Values: ['data'],
        MatchOptions: ['EQUALS' as const],
      },
    };
    expect(allOf([tag])).toBe(tag);
    expect(() => allOf([])).toThrow('at least one expression');
  });

  it('names every metric as GetCostForecast does', () => {
    expect(forecastMetric('UnblendedCost')).toBe('UNBLENDED_COST');
    expect(forecastMetric('AmortizedCost')).toBe('AMORTIZED_COST');
    expect(forecastMetric('NetAmortizedCost')).toBe('NET_AMORTIZED_COST');
  });
});
