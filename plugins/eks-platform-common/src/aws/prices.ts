/**
 * Estimated EC2 prices of the node group instance types, for capacity pages.
 *
 * On-demand: the Paris list prices of @internal/aws-facts (sources named there).
 * Spot: no list price exists; prices move with the market. Estimated as a fixed
 * share of on-demand, within the 30–36 % the Paris spot history of these
 * families showed over the same period.
 */
import { EC2_ON_DEMAND_HOURLY, PRICE_REGION } from '@internal/aws-facts';
import { findInstanceType } from './instanceTypes';

export { PRICE_REGION };

/** Hours in an average month (365 × 24 / 12), the figure AWS's calculator uses. */
export const HOURS_PER_MONTH = 730;

/** Spot price estimated as this share of on-demand. */
export const SPOT_SHARE_OF_ON_DEMAND = 0.33;

/** On-demand hourly price of a type, or undefined when the table lacks it. */
export function onDemandHourlyPrice(instanceType: string): number | undefined {
  return EC2_ON_DEMAND_HOURLY[instanceType];
}

/** Estimated hourly price of one node; undefined for a type without a price. */
export function estimatedNodeHourlyPrice(
  instanceType: string,
  capacityType: 'ON_DEMAND' | 'SPOT',
): number | undefined {
  const onDemand = onDemandHourlyPrice(instanceType);
  if (onDemand === undefined) return undefined;
  return capacityType === 'SPOT'
    ? onDemand * SPOT_SHARE_OF_ON_DEMAND
    : onDemand;
}

/** Every type of INSTANCE_TYPES has a price: checked by the unit tests. */
export function hasPrice(instanceType: string): boolean {
  return (
    findInstanceType(instanceType) !== undefined &&
    onDemandHourlyPrice(instanceType) !== undefined
  );
}
