/**
 * Cost reports of the seeded DPJ environments from the sandbox's Cost Explorer, through
 * the real SDK: figures against Cost Explorer's own totals, pagination, and how many
 * (billed) Cost Explorer calls the cache lets through.
 */
import {
  Expression,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  ClusterCostReport,
  FinanceCostReport,
  onDemandHourlyPrice,
} from '@internal/plugin-eks-platform-common';
import {
  CostFixture,
  DPJ_CLUSTERS,
  freezeDate,
  NOW,
  startCostBackend,
  startCostFixture,
} from './__testUtils__/costFixture';

jest.setTimeout(90_000);

const [DEV, STAGING, PROD] = DPJ_CLUSTERS;
const EKS = 'Amazon Elastic Kubernetes Service';
const COMPUTE = 'Amazon Elastic Compute Cloud - Compute';
const EC2_OTHER = 'EC2 - Other';

/** The filter of a cluster's costs, written out here rather than taken from common code. */
function filterOf(accountId: string, tags: Record<string, string>): Expression {
  return {
    And: [
      {
        Dimensions: {
          Key: 'LINKED_ACCOUNT',
          Values: [accountId],
          MatchOptions: ['EQUALS'],
        },
      },
      ...Object.entries(tags).map(([Key, value]) => ({
        Tags: { Key, Values: [value], MatchOptions: ['EQUALS' as const] },
      })),
    ],
  };
}

const DEV_FILTER = filterOf(DEV.accountId, {
  environment: 'dev',
  project: 'dpj',
});

type Calls = Awaited<ReturnType<CostFixture['ceCalls']>>;

function countBy(calls: Calls): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const key = `${call.accountId} ${call.operation} ${call.region}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('cost reports from the sandbox Cost Explorer', () => {
  let fixture: CostFixture;

  beforeAll(async () => {
    freezeDate();
    fixture = await startCostFixture();
  });
  afterAll(async () => {
    await fixture?.close();
    jest.useRealTimers();
  });
  beforeEach(() => fixture.clearCalls());

  /** Ungrouped MONTHLY totals, one page: Cost Explorer's own figures to compare with. */
  async function monthlyTotals(
    start: string,
    end: string,
    filter: Expression = DEV_FILTER,
    cluster = DEV,
  ): Promise<Array<[string, number]>> {
    const answer = await fixture.getCostAndUsage(cluster, {
      TimePeriod: { Start: start, End: end },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      Filter: filter,
    });
    expect(answer.NextPageToken).toBeUndefined();
    return (answer.ResultsByTime ?? []).map(r => [
      r.TimePeriod!.Start!.slice(0, 7),
      Number(r.Total!.UnblendedCost.Amount),
    ]);
  }

  it("gives dpj-dev-cluster's cost tab Cost Explorer's own figures", async () => {
    const backend = await startCostBackend(fixture);
    const response = await backend.get('/cost/default/dpj-dev-cluster');
    expect(response.status).toBe(200);
    const report = response.body as ClusterCostReport;

    // Reference figures, asked of Cost Explorer directly.
    const months = await monthlyTotals('2026-08-01', '2026-10-15');
    const [[, monthToDate]] = await monthlyTotals('2026-10-01', '2026-10-15');
    const spot = await fixture.getCostAndUsage(DEV, {
      TimePeriod: { Start: '2026-08-01', End: '2026-10-15' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      Filter: {
        And: [
          ...DEV_FILTER.And!,
          {
            Dimensions: {
              Key: 'PURCHASE_TYPE',
              Values: ['Spot Instances'],
              MatchOptions: ['EQUALS'],
            },
          },
        ],
      },
    });
    const spotCost = (spot.ResultsByTime ?? []).reduce(
      (sum, r) => sum + Number(r.Total!.UnblendedCost.Amount),
      0,
    );
    const client = fixture.costExplorer(DEV);
    const forecast = await client.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: '2026-10-14', End: '2026-11-01' },
        Granularity: 'MONTHLY',
        Metric: 'UNBLENDED_COST',
        Filter: DEV_FILTER,
        PredictionIntervalLevel: 80,
      }),
    );
    client.destroy();

    expect(report).toMatchObject({
      entityRef: 'resource:default/dpj-dev-cluster',
      metric: 'UnblendedCost',
      currency: 'USD',
      range: { start: '2026-08-01', end: '2026-10-15', months: 3 },
      generatedAt: NOW.toISOString(),
      costAllocation: {
        accountId: '111111111111',
        tags: { environment: 'dev', project: 'dpj' },
      },
      // Cost Explorer estimates today and yesterday.
      lastCompleteDay: '2026-10-12',
      estimated: true,
      services: [COMPUTE, EKS, EC2_OTHER],
    });
    expect(report.conversion).toBeUndefined();
    // 1 August to today: 74 days and today's 15 hours.
    expect(report.daily).toHaveLength(75);
    for (const day of report.daily.slice(0, -1)) {
      // One standard-support control plane: 24 h × $0.10.
      expect(day.byService[EKS]).toBeCloseTo(2.4, 10);
    }
    expect(report.daily[74]).toMatchObject({
      date: '2026-10-14',
      estimated: true,
    });
    expect(report.daily[74].byService[EKS]).toBeCloseTo(1.5, 10);
    expect(report.daily.filter(d => d.estimated).map(d => d.date)).toEqual([
      '2026-10-13',
      '2026-10-14',
    ]);

    expect(report.monthly.map(m => [m.month, m.complete])).toEqual([
      ['2026-08', true],
      ['2026-09', true],
      ['2026-10', false],
    ]);
    report.monthly.forEach((month, index) => {
      expect(months[index][0]).toBe(month.month);
      expect(month.total).toBeCloseTo(months[index][1], 6);
    });
    expect(report.monthly[0].byService[EKS]).toBeCloseTo(31 * 2.4, 8);

    const rangeTotal = months.reduce((sum, [, amount]) => sum + amount, 0);
    expect(report.breakdowns.map(b => b.id)).toEqual([
      'SERVICE',
      'PURCHASE_TYPE',
      'NODE_GROUP',
      'TAG:cost-center',
      'TAG:owner',
    ]);
    for (const breakdown of report.breakdowns) {
      expect(breakdown.period).toEqual({
        start: '2026-08-01',
        end: '2026-10-15',
      });
      expect(breakdown.total).toBeCloseTo(rangeTotal, 6);
    }
    const byId = Object.fromEntries(report.breakdowns.map(b => [b.id, b]));
    expect(byId['TAG:cost-center'].items).toEqual([
      {
        key: 'dpj-platform',
        label: 'dpj-platform',
        amount: expect.closeTo(rangeTotal, 6),
        share: 1,
      },
    ]);
    expect(byId.NODE_GROUP.items.map(i => i.label).sort()).toEqual([
      '(untagged)',
      'app-on-demand',
      'app-spot',
      'system',
    ]);
    expect(
      byId.PURCHASE_TYPE.items.find(i => i.key === 'Spot Instances'),
    ).toMatchObject({ label: 'Spot', amount: expect.closeTo(spotCost, 6) });

    // One c5.xlarge spot node since 1 August: 74 × 24 + 15 hours.
    expect(report.spotSavings).toMatchObject({
      period: { start: '2026-08-01', end: '2026-10-15' },
      spotHours: 1791,
      unpricedInstanceTypes: [],
    });
    expect(report.spotSavings.spotCost).toBeCloseTo(spotCost, 6);
    expect(report.spotSavings.onDemandEquivalent).toBeCloseTo(
      1791 * onDemandHourlyPrice('c5.xlarge')!,
      8,
    );
    expect(report.spotSavings.savings).toBeCloseTo(1791 * 0.202 - spotCost, 6);

    const mean = Number(forecast.Total!.Amount);
    expect(report.monthToDate).toMatchObject({
      month: '2026-10',
      period: { start: '2026-10-01', end: '2026-10-15' },
      status: 'no-budget',
      forecast: {
        period: { start: '2026-10-14', end: '2026-11-01' },
        predictionIntervalLevel: 80,
        lower: Number(
          forecast.ForecastResultsByTime![0].PredictionIntervalLowerBound,
        ),
        upper: Number(
          forecast.ForecastResultsByTime![0].PredictionIntervalUpperBound,
        ),
      },
    });
    expect(report.monthToDate.amount).toBeCloseTo(monthToDate, 6);
    expect(report.monthToDate.forecast!.mean).toBeCloseTo(mean, 8);
    // The forecast covers today in full: the days before it plus its mean.
    const [[, beforeToday]] = await monthlyTotals('2026-10-01', '2026-10-14');
    expect(report.monthToDate.projectedMonthTotal).toBeCloseTo(
      beforeToday + mean,
      6,
    );
    const [[, september]] = await monthlyTotals('2026-09-01', '2026-09-15');
    expect(report.monthOverMonth).toMatchObject({
      current: { period: { start: '2026-10-01', end: '2026-10-15' } },
      previous: { period: { start: '2026-09-01', end: '2026-09-15' } },
      thresholdPercent: 20,
      growthAlert: false,
    });
    expect(report.monthOverMonth.previous.amount).toBeCloseTo(september, 6);
    expect(report.monthOverMonth.changePercent).toBeCloseTo(
      ((monthToDate - september) / september) * 100,
      6,
    );
  });

  it('reads 13 months over several pages, summing to the unpaginated monthly totals', async () => {
    const backend = await startCostBackend(fixture);
    const response = await backend.get(
      '/cost/default/dpj-prod-cluster?months=13',
    );
    expect(response.status).toBe(200);
    const report = response.body as ClusterCostReport;
    const calls = await fixture.ceCalls();
    // 379 days × 3 services in pages of 500 groups: the daily query takes 3 pages,
    // each page boundary splitting a day's groups; the 4 monthly queries and the
    // forecast one call each.
    expect(countBy(calls)).toEqual({
      '333333333333 GetCostAndUsage us-east-1': 3 + 4,
      '333333333333 GetCostForecast us-east-1': 1,
    });

    expect(report.range).toEqual({
      start: '2025-10-01',
      end: '2026-10-15',
      months: 13,
    });
    expect(report.daily).toHaveLength(379);
    // No day lost or counted twice where a page boundary split its groups.
    for (const day of report.daily) {
      expect(Object.keys(day.byService).sort()).toEqual([
        COMPUTE,
        EKS,
        EC2_OTHER,
      ]);
      expect(day.total).toBeCloseTo(
        day.byService[COMPUTE] + day.byService[EKS] + day.byService[EC2_OTHER],
        9,
      );
    }
    const reference = await monthlyTotals(
      '2025-10-01',
      '2026-10-15',
      filterOf(PROD.accountId, { environment: 'production', project: 'dpj' }),
      PROD,
    );
    expect(report.monthly.map(m => m.month)).toEqual(reference.map(r => r[0]));
    report.monthly.forEach((month, index) => {
      expect(month.total).toBeCloseTo(reference[index][1], 6);
    });
    // The paginated daily answer (SERVICE) and the one-page monthly ones agree.
    const total = reference.reduce((sum, [, amount]) => sum + amount, 0);
    for (const breakdown of report.breakdowns) {
      expect(breakdown.total).toBeCloseTo(total, 6);
    }
  });

  it('lets concurrent identical requests share one call per query, and serves the next from the cache', async () => {
    const backend = await startCostBackend(fixture);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        backend.get('/cost/default/dpj-staging-cluster'),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(12).fill(200));
    // daily, purchase type × instance type, node group, 2 tags; and the forecast.
    expect(countBy(await fixture.ceCalls())).toEqual({
      '222222222222 GetCostAndUsage us-east-1': 5,
      '222222222222 GetCostForecast us-east-1': 1,
    });
    for (const response of responses) {
      expect(response.body).toEqual(responses[0].body);
    }

    await fixture.clearCalls();
    const again = await backend.get('/cost/default/dpj-staging-cluster');
    expect(again.body).toEqual(responses[0].body);
    expect(await fixture.ceCalls()).toEqual([]);

    // Another range or metric is other queries.
    await backend.get('/cost/default/dpj-staging-cluster?months=2');
    await backend.get('/cost/default/dpj-staging-cluster?metric=AmortizedCost');
    expect(countBy(await fixture.ceCalls())).toEqual({
      '222222222222 GetCostAndUsage us-east-1': 10,
      '222222222222 GetCostForecast us-east-1': 1,
    });
  });

  it('answers the finance page from the queries the cost tab cached for the same metric', async () => {
    const backend = await startCostBackend(fixture);
    const tab = await backend.get(
      '/cost/default/dpj-dev-cluster?metric=AmortizedCost',
    );
    expect(tab.status).toBe(200);
    await fixture.clearCalls();

    const response = await backend.get('/cost/environments');
    expect(response.status).toBe(200);
    expect(countBy(await fixture.ceCalls())).toEqual({
      '222222222222 GetCostAndUsage us-east-1': 5,
      '222222222222 GetCostForecast us-east-1': 1,
      '333333333333 GetCostAndUsage us-east-1': 5,
      '333333333333 GetCostForecast us-east-1': 1,
    });
    const report = response.body as FinanceCostReport;
    expect(report).toMatchObject({
      metric: 'AmortizedCost',
      currency: 'USD',
      month: '2026-10',
      generatedAt: NOW.toISOString(),
    });
    const devLine = report.environments[0];
    const devTab = tab.body as ClusterCostReport;
    expect(devLine).toEqual({
      entityRef: 'resource:default/dpj-dev-cluster',
      title: 'dpj-dev-cluster (EKS)',
      environment: 'dev',
      accountId: '111111111111',
      currency: 'USD',
      monthToDate: devTab.monthToDate,
      monthOverMonth: devTab.monthOverMonth,
      lastCompleteDay: '2026-10-12',
      estimated: true,
    });
    const [, prodLine, stagingLine] = report.environments;
    expect(prodLine.monthToDate?.budget).toEqual({
      amount: 9000,
      source: 'config',
    });
    expect(stagingLine.monthToDate?.budget).toEqual({
      amount: 2500.5,
      source: 'annotation',
    });
    const [[, stagingMonthToDate]] = await monthlyTotals(
      '2026-10-01',
      '2026-10-15',
      filterOf(STAGING.accountId, { environment: 'staging' }),
      STAGING,
    );
    expect(stagingLine.monthToDate?.amount).toBeCloseTo(stagingMonthToDate, 6);
    expect(report.totals).toEqual({
      monthToDate: expect.closeTo(
        report.environments.reduce((s, e) => s + e.monthToDate!.amount, 0),
        8,
      ),
      projectedMonthTotal: expect.closeTo(
        report.environments.reduce(
          (s, e) => s + e.monthToDate!.projectedMonthTotal,
          0,
        ),
        8,
      ),
      budget: 11500.5,
      environmentsWithoutFigures: 0,
    });
  });

  it('refreshes every default query once, bypassing the cache, so both pages are served warm', async () => {
    const backend = await startCostBackend(fixture);
    const task = backend.refreshTask();
    await task.fn(new AbortController().signal);
    // Per cluster: the cost tab's (UnblendedCost) and the finance page's
    // (AmortizedCost) 5 GetCostAndUsage and 1 GetCostForecast.
    const perAccount = (accountId: string) => ({
      [`${accountId} GetCostAndUsage us-east-1`]: 10,
      [`${accountId} GetCostForecast us-east-1`]: 2,
    });
    const expected = {
      ...perAccount(DEV.accountId),
      ...perAccount(STAGING.accountId),
      ...perAccount(PROD.accountId),
    };
    expect(countBy(await fixture.ceCalls())).toEqual(expected);
    // It used the plugin's own credentials, not a user's.
    expect(backend.catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
      }),
      {
        credentials: expect.objectContaining({
          principal: { type: 'service', subject: 'plugin:eks-platform' },
        }),
      },
    );

    await fixture.clearCalls();
    for (const cluster of DPJ_CLUSTERS) {
      const tab = await backend.get(`/cost/default/${cluster.name}`);
      expect(tab.status).toBe(200);
    }
    expect((await backend.get('/cost/environments')).status).toBe(200);
    expect(await fixture.ceCalls()).toEqual([]);

    // The next run asks again, even though every entry is still fresh.
    await task.fn(new AbortController().signal);
    expect(countBy(await fixture.ceCalls())).toEqual(expected);
  });

  it('converts every amount when a currency is configured', async () => {
    const usd = await startCostBackend(fixture);
    const eur = await startCostBackend(fixture, {
      cost: { currency: { code: 'EUR', rate: 0.5 } },
    });
    const dollars = (await usd.get('/cost/default/dpj-dev-cluster'))
      .body as ClusterCostReport;
    const euros = (await eur.get('/cost/default/dpj-dev-cluster'))
      .body as ClusterCostReport;
    expect(euros.currency).toBe('EUR');
    expect(euros.conversion).toEqual({ from: 'USD', to: 'EUR', rate: 0.5 });
    expect(euros.monthToDate.amount).toBeCloseTo(
      dollars.monthToDate.amount * 0.5,
      8,
    );
    expect(euros.monthToDate.forecast!.mean).toBeCloseTo(
      dollars.monthToDate.forecast!.mean * 0.5,
      8,
    );
    expect(euros.spotSavings.onDemandEquivalent).toBeCloseTo(
      dollars.spotSavings.onDemandEquivalent * 0.5,
      8,
    );
    const finance = (await eur.get('/cost/environments'))
      .body as FinanceCostReport;
    expect(finance.currency).toBe('EUR');
    expect(finance.conversion).toEqual({ from: 'USD', to: 'EUR', rate: 0.5 });
  });
});
