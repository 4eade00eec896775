import { costForecast, monthOverMonth, monthToDateCost } from './budget';
import { DailyCost } from './types';

const forecastPeriod = { start: '2026-05-14', end: '2026-06-01' };
const monthToDate = { start: '2026-05-01', end: '2026-05-15' };

function day(date: string, total: number, estimated = false): DailyCost {
  return { date, total, byService: { 'EC2 - Other': total }, estimated };
}

describe('costForecast', () => {
  it('reads the mean from the Total and sums the interval bounds', () => {
    expect(
      costForecast(
        {
          Total: { Amount: '300', Unit: 'USD' },
          ForecastResultsByTime: [
            {
              TimePeriod: { Start: '2026-05-14', End: '2026-06-01' },
              MeanValue: '300',
              PredictionIntervalLowerBound: '150.5',
              PredictionIntervalUpperBound: '450',
            },
          ],
        },
        forecastPeriod,
        80,
      ),
    ).toEqual({
      period: forecastPeriod,
      mean: 300,
      lower: 150.5,
      upper: 450,
      predictionIntervalLevel: 80,
    });
  });

  it('sums the means without a Total and uses the mean without bounds', () => {
    expect(
      costForecast(
        {
          ForecastResultsByTime: [{ MeanValue: '100.25' }, { MeanValue: '50' }],
        },
        forecastPeriod,
        80,
      ),
    ).toEqual({
      period: forecastPeriod,
      mean: 150.25,
      lower: 150.25,
      upper: 150.25,
      predictionIntervalLevel: 80,
    });
  });

  it('is absent when AWS gave no forecast', () => {
    expect(costForecast(undefined, forecastPeriod, 80)).toBeUndefined();
    expect(costForecast({}, forecastPeriod, 80)).toBeUndefined();
  });
});

describe('monthToDateCost', () => {
  // 600 so far this month, 100 of it today, which the forecast covers in full:
  // the projection is 500 + 300. April's days lie outside the period.
  const daily = [
    day('2026-04-30', 1000),
    day('2026-05-01', 250),
    day('2026-05-13', 250, true),
    day('2026-05-14', 100, true),
  ];
  const forecast = {
    period: forecastPeriod,
    mean: 300,
    lower: 150,
    upper: 450,
    predictionIntervalLevel: 80,
  };

  it.each([
    { budget: 450, status: 'over', percent: (800 / 450) * 100 },
    // MTD exactly at the budget is not over it; the projection then is.
    { budget: 600, status: 'at-risk', percent: (800 / 600) * 100 },
    // Projected 800 passes 700.
    { budget: 700, status: 'at-risk', percent: (800 / 700) * 100 },
    // Projected 800 is on budget, but the upper bound (500 + 450) passes it.
    { budget: 800, status: 'at-risk', percent: 100 },
    // 500 + 450 = 950 is exactly the budget: not above it.
    { budget: 950, status: 'under', percent: (800 / 950) * 100 },
    { budget: 1000, status: 'under', percent: 80 },
  ])(
    'is $status against a budget of $budget',
    ({ budget, status, percent }) => {
      expect(
        monthToDateCost({
          month: '2026-05',
          period: monthToDate,
          daily,
          forecast,
          budget: { amount: budget, source: 'config' },
        }),
      ).toEqual({
        month: '2026-05',
        period: monthToDate,
        amount: 600,
        forecast,
        projectedMonthTotal: 800,
        budget: { amount: budget, source: 'config' },
        projectedBudgetPercent: percent,
        status,
      });
    },
  );

  it('says no-budget without a budget', () => {
    expect(
      monthToDateCost({
        month: '2026-05',
        period: monthToDate,
        daily,
        forecast,
      }),
    ).toEqual({
      month: '2026-05',
      period: monthToDate,
      amount: 600,
      forecast,
      projectedMonthTotal: 800,
      status: 'no-budget',
    });
  });

  it('projects the month to date alone without a forecast', () => {
    expect(
      monthToDateCost({
        month: '2026-05',
        period: monthToDate,
        daily,
        budget: { amount: 700, source: 'annotation' },
      }),
    ).toEqual({
      month: '2026-05',
      period: monthToDate,
      amount: 600,
      projectedMonthTotal: 600,
      budget: { amount: 700, source: 'annotation' },
      projectedBudgetPercent: (600 / 700) * 100,
      status: 'under',
    });
  });
});

describe('monthOverMonth', () => {
  const current = { start: '2026-05-01', end: '2026-05-15' };
  const previous = { start: '2026-04-01', end: '2026-04-15' };

  function change(previousAmount: number, currentAmount: number) {
    return monthOverMonth(
      [
        day('2026-04-01', previousAmount),
        // After the same day of April: not compared.
        day('2026-04-15', 5000),
        day('2026-05-14', currentAmount),
      ],
      current,
      previous,
      20,
    );
  }

  it('does not alert at the threshold', () => {
    expect(change(200, 240)).toEqual({
      current: { period: current, amount: 240 },
      previous: { period: previous, amount: 200 },
      changePercent: 20,
      thresholdPercent: 20,
      growthAlert: false,
    });
  });

  it('alerts above the threshold', () => {
    const result = change(200, 240.5);
    expect(result.changePercent).toBe(20.25);
    expect(result.growthAlert).toBe(true);
  });

  it('does not let float noise turn exactly the threshold into an alert', () => {
    // (3.6 − 3) / 3 × 100 is 20.000000000000004 in floating point.
    const result = change(3, 3.6);
    expect(result.changePercent).toBeCloseTo(20, 12);
    expect(result.growthAlert).toBe(false);
  });

  it('reports a fall as a negative change', () => {
    expect(change(200, 150).changePercent).toBe(-25);
    expect(change(200, 150).growthAlert).toBe(false);
  });

  it('has no percentage when the previous period cost nothing', () => {
    expect(change(0, 500)).toEqual({
      current: { period: current, amount: 500 },
      previous: { period: previous, amount: 0 },
      thresholdPercent: 20,
      growthAlert: false,
    });
  });
});
