/**
 * What spot capacity saved: the hours spot instances ran, priced at the on-demand list
 * price of their type, less what the spot hours cost. Read from results grouped by
 * PURCHASE_TYPE then INSTANCE_TYPE with the cost metric and UsageQuantity (the
 * purchaseAndInstanceType query).
 */
import { costGroups, USAGE_QUANTITY } from './costExplorer';
import { CostMetric, CostPeriod, CostResultByTime, SpotSavings } from './types';

export const SPOT_PURCHASE_TYPE = 'Spot Instances';
/** Cost Explorer's INSTANCE_TYPE of lines that are not instance usage. */
export const NO_INSTANCE_TYPE = 'NoInstanceType';

/** Hourly list price of a type in the results' currency; undefined when unknown. */
export type InstancePriceOf = (instanceType: string) => number | undefined;

export function spotSavings(
  results: CostResultByTime[],
  metric: CostMetric,
  period: CostPeriod,
  priceOf: InstancePriceOf,
): SpotSavings {
  let spotCost = 0;
  let spotHours = 0;
  let onDemandEquivalent = 0;
  const unpriced = new Set<string>();
  for (const result of results) {
    const costs = costGroups(result, metric);
    const usage = costGroups(result, USAGE_QUANTITY);
    for (let index = 0; index < costs.length; index++) {
      const [purchaseType, instanceType = ''] = costs[index].keys;
      // Not instance hours: nothing to compare with an instance's list price.
      const isInstance =
        instanceType !== '' && instanceType !== NO_INSTANCE_TYPE;
      if (purchaseType !== SPOT_PURCHASE_TYPE || !isInstance) continue;
      const hours = usage[index];
      const price = priceOf(instanceType);
      // Hours in another unit cannot be priced per hour either.
      if (price === undefined || (hours.unit && hours.unit !== 'Hrs')) {
        unpriced.add(instanceType);
        continue;
      }
      spotCost += costs[index].amount;
      spotHours += hours.amount;
      onDemandEquivalent += hours.amount * price;
    }
  }
  const savings = onDemandEquivalent - spotCost;
  return {
    period,
    spotCost,
    spotHours,
    onDemandEquivalent,
    savings,
    savingsPercent:
      onDemandEquivalent > 0 ? (savings / onDemandEquivalent) * 100 : undefined,
    unpricedInstanceTypes: [...unpriced].sort(),
  };
}
