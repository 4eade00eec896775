import { onDemandHourlyPrice } from '../aws/prices';
import { spotSavings } from './spotSavings';
import { group, grouped } from './testing';

const range = { start: '2026-04-01', end: '2026-05-15' };
const listPrices: Record<string, number> = {
  'm5.large': 0.125,
  'c5.xlarge': 0.25,
};
const priceOf = (type: string) => listPrices[type];

describe('spotSavings', () => {
  it('prices spot hours at the on-demand list price and leaves unpriced types out', () => {
    const results = [
      grouped('2026-04-01', '2026-05-01', [
        group(['On Demand Instances', 'm5.large'], '20', '178.5'),
        group(['Spot Instances', 'NoInstanceType'], '1', '5'),
        group(['Spot Instances', 'm5.large'], '12', '300'),
        group(['Spot Instances', 'x9.mega'], '3', '10'),
      ]),
      grouped(
        '2026-05-01',
        '2026-05-15',
        [
          group(['Spot Instances', 'a1.metal'], '2', '4'),
          group(['Spot Instances', 'c5.xlarge'], '16', '200'),
        ],
        true,
      ),
      // The same month continued on the next page.
      grouped(
        '2026-05-01',
        '2026-05-15',
        [group(['Spot Instances', 'm5.large'], '4', '100')],
        true,
      ),
    ];
    expect(spotSavings(results, 'UnblendedCost', range, priceOf)).toEqual({
      period: range,
      // 12 + 16 + 4: the x9.mega, a1.metal and NoInstanceType lines are left out.
      spotCost: 32,
      spotHours: 600,
      // 300 × 0.125 + 200 × 0.25 + 100 × 0.125
      onDemandEquivalent: 100,
      savings: 68,
      savingsPercent: 68,
      unpricedInstanceTypes: ['a1.metal', 'x9.mega'],
    });
  });

  it('uses the list prices of the Paris price table', () => {
    const result = spotSavings(
      [
        grouped('2026-04-01', '2026-05-01', [
          group(['Spot Instances', 'm5.large'], '27', '730'),
        ]),
      ],
      'UnblendedCost',
      range,
      onDemandHourlyPrice,
    );
    expect(result.onDemandEquivalent).toBeCloseTo(730 * 0.112, 10);
    expect(result.savings).toBeCloseTo(81.76 - 27, 10);
    expect(result.savingsPercent).toBeCloseTo((54.76 / 81.76) * 100, 10);
  });

  it('cannot price usage that is not in hours', () => {
    const result = spotSavings(
      [
        grouped('2026-04-01', '2026-05-01', [
          {
            Keys: ['Spot Instances', 'm5.large'],
            Metrics: {
              UnblendedCost: { Amount: '5', Unit: 'USD' },
              UsageQuantity: { Amount: '12', Unit: 'N/A' },
            },
          },
        ]),
      ],
      'UnblendedCost',
      range,
      priceOf,
    );
    expect(result.spotCost).toBe(0);
    expect(result.unpricedInstanceTypes).toEqual(['m5.large']);
  });

  it('has no percentage without priced spot hours', () => {
    expect(
      spotSavings(
        [
          grouped('2026-04-01', '2026-05-01', [
            group(['On Demand Instances', 'm5.large'], '20', '178.5'),
            group(['Spot Instances', 'x9.mega'], '3', '10'),
          ]),
        ],
        'UnblendedCost',
        range,
        priceOf,
      ),
    ).toEqual({
      period: range,
      spotCost: 0,
      spotHours: 0,
      onDemandEquivalent: 0,
      savings: 0,
      savingsPercent: undefined,
      unpricedInstanceTypes: ['x9.mega'],
    });
  });
});
