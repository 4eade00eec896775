import { INSTANCE_TYPES } from './instanceTypes';
import {
  estimatedNodeHourlyPrice,
  hasPrice,
  HOURS_PER_MONTH,
  onDemandHourlyPrice,
} from './prices';

describe('prices', () => {
  it('has an on-demand price for every instance type node groups may use', () => {
    expect(INSTANCE_TYPES.filter(type => !hasPrice(type.name))).toEqual([]);
  });

  it('reads the eu-west-3 on-demand price', () => {
    expect(onDemandHourlyPrice('c5.xlarge')).toBe(0.202);
    expect(estimatedNodeHourlyPrice('t3.large', 'ON_DEMAND')).toBe(0.0944);
  });

  it('estimates spot as a third of on-demand', () => {
    expect(estimatedNodeHourlyPrice('c5.xlarge', 'SPOT')).toBeCloseTo(
      0.06666,
      5,
    );
  });

  it('knows no price for unlisted types', () => {
    expect(
      estimatedNodeHourlyPrice('p5.48xlarge', 'ON_DEMAND'),
    ).toBeUndefined();
  });

  it('prices a month as 730 hours', () => {
    expect(HOURS_PER_MONTH * 0.202).toBeCloseTo(147.46, 2);
  });
});
