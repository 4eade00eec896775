import {
  GetCostForecastCommand,
  GetCostForecastCommandInput,
} from '@aws-sdk/client-cost-explorer';
import {
  cluster,
  CostExplorerHarness,
  day,
  dayStart,
  hoursInMonth,
  nodegroup,
  startCostExplorer,
  staticInventory,
} from './testInventory';

const inventory = staticInventory({
  clusters: [
    cluster({
      name: 'running',
      tags: { environment: 'production' },
      nodegroups: [nodegroup()],
    }),
    // Gone yesterday: a forecast must not count it.
    cluster({
      name: 'deleted',
      tags: { environment: 'staging' },
      deletedAt: dayStart(-1),
      nodegroups: [nodegroup({ deletedAt: dayStart(-1) })],
    }),
  ],
});

describe('Cost Explorer GetCostForecast', () => {
  let harness: CostExplorerHarness;
  beforeAll(async () => {
    harness = await startCostExplorer(inventory);
  });
  afterAll(() => harness.sandbox.close());

  const forecast = (input: Partial<GetCostForecastCommandInput>) =>
    harness.client().send(
      new GetCostForecastCommand({
        TimePeriod: { Start: day(0), End: day(30) },
        Metric: 'UNBLENDED_COST',
        Granularity: 'DAILY',
        ...input,
      }),
    );

  it('forecasts the daily run rate of what runs now, with a widening interval', async () => {
    const output = await forecast({});
    expect(output.$metadata.httpStatusCode).toBe(200);
    const results = output.ForecastResultsByTime ?? [];
    expect(results).toHaveLength(30);
    expect(results[0].TimePeriod).toEqual({ Start: day(0), End: day(1) });
    // Control plane 24 × $0.10, 2 c5.xlarge nodes 48 × $0.202, 100 GiB of gp3 for a day.
    const dailyRate = (offset: number) =>
      2.4 + 9.696 + (100 * 0.0928 * 24) / hoursInMonth(offset);
    results.forEach((result, offset) => {
      const mean = Number(result.MeanValue);
      expect(mean).toBeCloseTo(dailyRate(offset), 8);
      expect(Number(result.PredictionIntervalLowerBound)).toBeLessThanOrEqual(
        mean,
      );
      expect(
        Number(result.PredictionIntervalUpperBound),
      ).toBeGreaterThanOrEqual(mean);
    });
    const width = (index: number) =>
      Number(results[index].PredictionIntervalUpperBound) -
      Number(results[index].PredictionIntervalLowerBound);
    expect(width(29)).toBeGreaterThan(width(0));
    const sumOfMeans = results.reduce((sum, r) => sum + Number(r.MeanValue), 0);
    expect(output.Total?.Unit).toBe('USD');
    expect(Number(output.Total?.Amount)).toBeCloseTo(sumOfMeans, 6);
  });

  it('filters the forecast and widens the interval with the level', async () => {
    const controlPlane = await forecast({
      Filter: {
        Dimensions: {
          Key: 'SERVICE',
          Values: ['Amazon Elastic Kubernetes Service'],
        },
      },
      TimePeriod: { Start: day(1), End: day(4) },
    });
    expect(controlPlane.ForecastResultsByTime?.map(r => r.MeanValue)).toEqual([
      '2.4',
      '2.4',
      '2.4',
    ]);
    const staging = await forecast({
      Filter: { Tags: { Key: 'environment', Values: ['staging'] } },
    });
    expect(staging.Total).toEqual({ Amount: '0', Unit: 'USD' });
    const spread = async (level: number) => {
      const output = await forecast({ PredictionIntervalLevel: level });
      const [first] = output.ForecastResultsByTime ?? [];
      return (
        Number(first.PredictionIntervalUpperBound) -
        Number(first.PredictionIntervalLowerBound)
      );
    };
    expect(await spread(99)).toBeGreaterThan(await spread(80));
  });

  it('groups months together with MONTHLY granularity', async () => {
    const output = await forecast({ Granularity: 'MONTHLY' });
    const results = output.ForecastResultsByTime ?? [];
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results[0].TimePeriod?.Start).toBe(day(0));
    expect(results[results.length - 1].TimePeriod?.End).toBe(day(30));
    const daily = await forecast({});
    expect(Number(output.Total?.Amount)).toBeCloseTo(
      Number(daily.Total?.Amount),
      6,
    );
  });

  it.each([
    [
      'a start in the past',
      { TimePeriod: { Start: day(-1), End: day(5) } },
      `Start date must be equal to or later than the current date: ${day(0)}`,
    ],
    [
      'a start that is not before the end',
      { TimePeriod: { Start: day(3), End: day(3) } },
      `Requested Start: ${day(3)} must be before requested End: ${day(3)}`,
    ],
    [
      'a usage metric',
      { Metric: 'USAGE_QUANTITY' as const },
      'Metric USAGE_QUANTITY is not supported by GetCostForecast. Use GetUsageForecast for usage metrics',
    ],
    [
      'an unknown metric',
      { Metric: 'TOTAL_COST' as 'UNBLENDED_COST' },
      'Metric TOTAL_COST is invalid. Valid values are AMORTIZED_COST, BLENDED_COST, NET_AMORTIZED_COST, NET_UNBLENDED_COST, UNBLENDED_COST',
    ],
    [
      'a prediction interval level of 50',
      { PredictionIntervalLevel: 50 },
      'PredictionIntervalLevel must be an integer between 51 and 99',
    ],
    [
      'a prediction interval level of 100',
      { PredictionIntervalLevel: 100 },
      'PredictionIntervalLevel must be an integer between 51 and 99',
    ],
  ])('refuses %s with ValidationException', async (_case, input, message) => {
    await expect(forecast(input)).rejects.toMatchObject({
      name: 'ValidationException',
      message,
      $metadata: { httpStatusCode: 400 },
    });
  });
});
