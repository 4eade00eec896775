import {
  convertForecast,
  convertResults,
  costUnits,
  forecastUnits,
  reportCurrency,
} from './currency';
import { group, grouped, ungrouped } from './testing';

const toEur = { from: 'USD', to: 'EUR', rate: 0.5 };

describe('reportCurrency', () => {
  it("uses Cost Explorer's unit without conversion, USD when there was no amount", () => {
    expect(reportCurrency(['USD', 'USD'])).toEqual({
      currency: 'USD',
      rate: 1,
    });
    expect(reportCurrency([])).toEqual({ currency: 'USD', rate: 1 });
    expect(reportCurrency(['EUR'])).toEqual({ currency: 'EUR', rate: 1 });
  });

  it('converts to the configured currency', () => {
    expect(reportCurrency(['USD'], toEur)).toEqual({
      currency: 'EUR',
      rate: 0.5,
      conversion: toEur,
    });
    expect(reportCurrency([], toEur).currency).toBe('EUR');
  });

  it('never mixes currencies', () => {
    expect(() => reportCurrency(['USD', 'EUR'])).toThrow(
      'Cost Explorer answered in several currencies (EUR, USD)',
    );
    expect(() => reportCurrency(['GBP'], toEur)).toThrow(
      'Cost Explorer answered in GBP but the configured conversion is from USD',
    );
  });

  it.each([0, -1, NaN, Infinity])('refuses a rate of %p', rate => {
    expect(() => reportCurrency(['USD'], { ...toEur, rate })).toThrow(
      'conversion rate must be a positive number',
    );
  });
});

describe('converting answers', () => {
  const results = [
    grouped('2026-05-01', '2026-06-01', [
      group(['Spot Instances', 'm5.large'], '12.5', '300'),
    ]),
    ungrouped('2026-04-01', '2026-05-01', '7'),
  ];

  it('lists the units of a metric only', () => {
    expect(costUnits(results, 'UnblendedCost')).toEqual(['USD']);
    expect(costUnits(results, 'UsageQuantity')).toEqual(['Hrs']);
    expect(forecastUnits({ Total: { Amount: '1', Unit: 'USD' } })).toEqual([
      'USD',
    ]);
    expect(forecastUnits(undefined)).toEqual([]);
  });

  it('multiplies cost amounts by the rate and leaves usage alone', () => {
    expect(
      convertResults(results, 'UnblendedCost', reportCurrency(['USD'], toEur)),
    ).toEqual([
      {
        TimePeriod: { Start: '2026-05-01', End: '2026-06-01' },
        Total: {},
        Groups: [
          {
            Keys: ['Spot Instances', 'm5.large'],
            Metrics: {
              UnblendedCost: { Amount: '6.25', Unit: 'EUR' },
              UsageQuantity: { Amount: '300', Unit: 'Hrs' },
            },
          },
        ],
        Estimated: false,
      },
      {
        TimePeriod: { Start: '2026-04-01', End: '2026-05-01' },
        Total: { UnblendedCost: { Amount: '3.5', Unit: 'EUR' } },
        Groups: [],
        Estimated: false,
      },
    ]);
  });

  it('returns the answers untouched without conversion', () => {
    expect(
      convertResults(results, 'UnblendedCost', reportCurrency(['USD'])),
    ).toBe(results);
  });

  it('converts the forecast', () => {
    expect(
      convertForecast(
        {
          Total: { Amount: '300', Unit: 'USD' },
          ForecastResultsByTime: [
            {
              TimePeriod: { Start: '2026-05-14', End: '2026-06-01' },
              MeanValue: '300',
              PredictionIntervalLowerBound: '150',
              PredictionIntervalUpperBound: '450',
            },
          ],
        },
        reportCurrency(['USD'], toEur),
      ),
    ).toEqual({
      Total: { Amount: '150', Unit: 'EUR' },
      ForecastResultsByTime: [
        {
          TimePeriod: { Start: '2026-05-14', End: '2026-06-01' },
          MeanValue: '150',
          PredictionIntervalLowerBound: '75',
          PredictionIntervalUpperBound: '225',
        },
      ],
    });
    expect(
      convertForecast(undefined, reportCurrency(['USD'], toEur)),
    ).toBeUndefined();
  });
});
