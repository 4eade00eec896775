import { costPeriods } from './periods';
import {
  buildClusterCostReport,
  buildFinanceCostReport,
  ClusterCostInputs,
  summarizeEnvironment,
} from './report';
import { group, grouped } from './testing';
import { CostResultByTime } from './types';

const EKS = 'Amazon Elastic Kubernetes Service';
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const OTHER = 'EC2 - Other';

const now = new Date('2026-05-14T09:00:00Z');
const periods = costPeriods(now, 1);

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * April costs 12.5 a day. May costs 16 a day and 5.5 so far today; the 13th and 14th
 * are still estimated, and the 14th's groups continue on a second page.
 */
function dailyResults(): CostResultByTime[] {
  const results: CostResultByTime[] = [];
  for (let d = 1; d <= 30; d++) {
    const date = `2026-04-${String(d).padStart(2, '0')}`;
    results.push(
      grouped(date, nextDay(date), [group([EC2], '10'), group([EKS], '2.5')]),
    );
  }
  for (let d = 1; d <= 13; d++) {
    const date = `2026-05-${String(d).padStart(2, '0')}`;
    results.push(
      grouped(
        date,
        nextDay(date),
        [group([EC2], '12'), group([EKS], '2.5'), group([OTHER], '1.5')],
        d >= 13,
      ),
    );
  }
  results.push(grouped('2026-05-14', '2026-05-15', [group([EC2], '4')], true));
  results.push(
    grouped(
      '2026-05-14',
      '2026-05-15',
      [group([EKS], '1'), group([OTHER], '0.5')],
      true,
    ),
  );
  return results;
}

const month = (groups: Parameters<typeof grouped>[2]) => [
  grouped('2026-05-01', '2026-05-15', groups, true),
];

function inputs(overrides: Partial<ClusterCostInputs> = {}): ClusterCostInputs {
  return {
    entityRef: 'resource:default/dpj-prod',
    metric: 'UnblendedCost',
    months: 1,
    now,
    allocation: {
      accountId: '111122223333',
      tags: { environment: 'production' },
    },
    periods,
    results: {
      daily: dailyResults(),
      purchaseAndInstanceType: month([
        group(['On Demand Instances', 'NoInstanceType'], '53.5', '1000'),
        group(['On Demand Instances', 'm5.large'], '100', '800'),
        group(['Spot Instances', 'm5.large'], '60', '1200'),
      ]),
      nodeGroups: month([
        group(['eks:nodegroup-name$'], '53.5'),
        group(['eks:nodegroup-name$general'], '100'),
        group(['eks:nodegroup-name$spot'], '60'),
      ]),
      tags: [
        { tagKey: 'team', results: month([group(['team$platform'], '213.5')]) },
        {
          tagKey: 'cost-center',
          results: month([group(['cost-center$'], '213.5')]),
        },
      ],
      forecast: {
        Total: { Amount: '300', Unit: 'USD' },
        ForecastResultsByTime: [
          {
            TimePeriod: { Start: '2026-05-14', End: '2026-06-01' },
            MeanValue: '300',
            PredictionIntervalLowerBound: '240',
            PredictionIntervalUpperBound: '360',
          },
        ],
      },
    },
    budget: { amount: 450, source: 'annotation' },
    growthThresholdPercent: 20,
    priceOf: type => (type === 'm5.large' ? 0.125 : undefined),
    ...overrides,
  };
}

describe('buildClusterCostReport', () => {
  const report = buildClusterCostReport(inputs());

  it('describes the range, currency and allocation', () => {
    expect(report).toMatchObject({
      entityRef: 'resource:default/dpj-prod',
      metric: 'UnblendedCost',
      currency: 'USD',
      range: { start: '2026-05-01', end: '2026-05-15', months: 1 },
      generatedAt: '2026-05-14T09:00:00.000Z',
      costAllocation: {
        accountId: '111122223333',
        tags: { environment: 'production' },
      },
      lastCompleteDay: '2026-05-12',
      estimated: true,
    });
    expect(report.conversion).toBeUndefined();
  });

  it('keeps the days of the range only and merges the paged day', () => {
    expect(report.daily.map(d => d.date)).toEqual(
      Array.from(
        { length: 14 },
        (_, i) => `2026-05-${String(i + 1).padStart(2, '0')}`,
      ),
    );
    expect(report.daily[13]).toEqual({
      date: '2026-05-14',
      total: 5.5,
      byService: { [EC2]: 4, [EKS]: 1, [OTHER]: 0.5 },
      estimated: true,
    });
    expect(report.services).toEqual([EC2, EKS, OTHER]);
    expect(report.monthly).toEqual([
      {
        month: '2026-05',
        total: 213.5,
        byService: { [EC2]: 160, [EKS]: 33.5, [OTHER]: 20 },
        estimated: true,
        complete: false,
      },
    ]);
  });

  it('breaks down by service, purchase option, node group, then each tag', () => {
    expect(
      report.breakdowns.map(b => [
        b.id,
        b.total,
        b.items.map(item => [item.label, item.amount]),
      ]),
    ).toEqual([
      [
        'SERVICE',
        213.5,
        [
          [EC2, 160],
          [EKS, 33.5],
          [OTHER, 20],
        ],
      ],
      [
        'PURCHASE_TYPE',
        213.5,
        [
          ['On-demand', 153.5],
          ['Spot', 60],
        ],
      ],
      [
        'NODE_GROUP',
        213.5,
        [
          ['general', 100],
          ['spot', 60],
          ['(untagged)', 53.5],
        ],
      ],
      ['TAG:team', 213.5, [['platform', 213.5]]],
      ['TAG:cost-center', 213.5, [['(untagged)', 213.5]]],
    ]);
    expect(report.breakdowns.every(b => b.period === periods.range)).toBe(true);
  });

  it('projects the month with the forecast against the budget', () => {
    expect(report.monthToDate).toEqual({
      month: '2026-05',
      period: { start: '2026-05-01', end: '2026-05-15' },
      amount: 213.5,
      forecast: {
        period: { start: '2026-05-14', end: '2026-06-01' },
        mean: 300,
        lower: 240,
        upper: 360,
        predictionIntervalLevel: 80,
      },
      // Today's 5.5 so far is inside the forecast: 208 + 300.
      projectedMonthTotal: 508,
      budget: { amount: 450, source: 'annotation' },
      projectedBudgetPercent: (508 / 450) * 100,
      status: 'at-risk',
    });
  });

  it('compares with the same days of April, read from before the range', () => {
    expect(report.monthOverMonth).toMatchObject({
      current: { amount: 213.5 },
      // 14 × 12.5: the 15th to 30th of April are left out.
      previous: {
        period: { start: '2026-04-01', end: '2026-04-15' },
        amount: 175,
      },
      thresholdPercent: 20,
      growthAlert: true,
    });
    expect(report.monthOverMonth.changePercent).toBeCloseTo(22, 10);
  });

  it('computes spot savings from the purchase option answer', () => {
    expect(report.spotSavings).toEqual({
      period: periods.range,
      spotCost: 60,
      spotHours: 1200,
      onDemandEquivalent: 150,
      savings: 90,
      savingsPercent: 60,
      unpricedInstanceTypes: [],
    });
  });

  it('converts every amount, list prices included', () => {
    const converted = buildClusterCostReport(
      inputs({ conversion: { from: 'USD', to: 'EUR', rate: 0.5 } }),
    );
    expect(converted.currency).toBe('EUR');
    expect(converted.conversion).toEqual({ from: 'USD', to: 'EUR', rate: 0.5 });
    expect(converted.daily[13].total).toBe(2.75);
    expect(converted.monthly[0].total).toBe(106.75);
    expect(converted.breakdowns.map(b => b.total)).toEqual([
      106.75, 106.75, 106.75, 106.75, 106.75,
    ]);
    expect(converted.monthToDate).toMatchObject({
      amount: 106.75,
      forecast: { mean: 150, lower: 120, upper: 180 },
      projectedMonthTotal: 254,
      // The budget is in the report's currency already.
      budget: { amount: 450 },
      status: 'under',
    });
    expect(converted.monthOverMonth.previous.amount).toBe(87.5);
    expect(converted.spotSavings).toMatchObject({
      spotCost: 30,
      spotHours: 1200,
      onDemandEquivalent: 75,
      savings: 45,
      savingsPercent: 60,
    });
  });

  it('refuses answers in another currency than the conversion is from', () => {
    expect(() =>
      buildClusterCostReport(
        inputs({ conversion: { from: 'EUR', to: 'GBP', rate: 0.9 } }),
      ),
    ).toThrow(
      'Cost Explorer answered in USD but the configured conversion is from EUR',
    );
  });

  it('does without a forecast, budget or costs', () => {
    const empty = buildClusterCostReport(
      inputs({
        budget: undefined,
        results: {
          daily: [grouped('2026-05-01', '2026-05-02', [])],
          purchaseAndInstanceType: [],
          nodeGroups: [],
          tags: [],
        },
      }),
    );
    expect(empty.currency).toBe('USD');
    expect(empty.estimated).toBe(false);
    expect(empty.lastCompleteDay).toBe('2026-05-01');
    expect(empty.monthToDate).toEqual({
      month: '2026-05',
      period: periods.monthToDate,
      amount: 0,
      projectedMonthTotal: 0,
      status: 'no-budget',
    });
    expect(empty.monthOverMonth.changePercent).toBeUndefined();
    expect(empty.breakdowns.map(b => [b.id, b.items])).toEqual([
      ['SERVICE', []],
      ['PURCHASE_TYPE', []],
      ['NODE_GROUP', []],
    ]);
  });
});

describe('the finance page', () => {
  const report = buildClusterCostReport(inputs());
  const prod = summarizeEnvironment(
    {
      entityRef: 'resource:default/dpj-prod',
      title: 'DPJ production',
      environment: 'dpj-prod',
      accountId: '111122223333',
    },
    report,
  );

  it('summarizes an environment from its report', () => {
    expect(prod).toEqual({
      entityRef: 'resource:default/dpj-prod',
      title: 'DPJ production',
      environment: 'dpj-prod',
      accountId: '111122223333',
      currency: 'USD',
      monthToDate: report.monthToDate,
      monthOverMonth: report.monthOverMonth,
      lastCompleteDay: '2026-05-12',
      estimated: true,
    });
  });

  it('summarizes an environment whose costs could not be read', () => {
    expect(
      summarizeEnvironment(
        { entityRef: 'resource:default/dpj-dev', title: 'DPJ dev' },
        {
          error:
            'AccessDeniedException: not authorized to perform ce:GetCostAndUsage',
        },
      ),
    ).toEqual({
      entityRef: 'resource:default/dpj-dev',
      title: 'DPJ dev',
      error:
        'AccessDeniedException: not authorized to perform ce:GetCostAndUsage',
    });
  });

  it('sorts environments and totals those with figures', () => {
    const staging = {
      ...prod,
      entityRef: 'resource:default/dpj-staging',
      title: 'DPJ staging',
      monthToDate: {
        ...prod.monthToDate!,
        amount: 100,
        projectedMonthTotal: 150.25,
        budget: undefined,
      },
    };
    const dev = summarizeEnvironment(
      { entityRef: 'resource:default/dpj-dev', title: 'DPJ dev' },
      { error: 'throttled' },
    );
    const finance = buildFinanceCostReport({
      metric: 'AmortizedCost',
      now,
      environments: [staging, prod, dev],
      currency: 'USD',
    });
    expect(finance).toMatchObject({
      metric: 'AmortizedCost',
      currency: 'USD',
      month: '2026-05',
      generatedAt: '2026-05-14T09:00:00.000Z',
      totals: {
        monthToDate: 313.5,
        projectedMonthTotal: 658.25,
        budget: 450,
        environmentsWithoutFigures: 1,
      },
    });
    expect(finance.conversion).toBeUndefined();
    expect(finance.environments.map(e => e.entityRef)).toEqual([
      'resource:default/dpj-dev',
      'resource:default/dpj-prod',
      'resource:default/dpj-staging',
    ]);
  });

  it('does not add figures in another currency to the totals', () => {
    const conversion = { from: 'USD', to: 'EUR', rate: 0.5 };
    const finance = buildFinanceCostReport({
      metric: 'UnblendedCost',
      now,
      environments: [prod],
      currency: 'EUR',
      conversion,
    });
    expect(finance.conversion).toEqual(conversion);
    expect(finance.environments).toEqual([
      {
        entityRef: 'resource:default/dpj-prod',
        title: 'DPJ production',
        environment: 'dpj-prod',
        accountId: '111122223333',
        error: 'Costs are in USD, not EUR: left out of the totals',
      },
    ]);
    expect(finance.totals).toEqual({
      monthToDate: 0,
      projectedMonthTotal: 0,
      budget: 0,
      environmentsWithoutFigures: 1,
    });
  });
});
