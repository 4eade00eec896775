/**
 * Estimated EC2 prices of the node group instance types, for capacity pages.
 *
 * On-demand: Europe (Paris), eu-west-3, Linux, shared tenancy, USD per hour, as
 * listed on aws.amazon.com/ec2/pricing/on-demand in November 2026 (four
 * decimals, not re-checked against the live page since). The same figures as
 * the local sandbox's cost table, so pages and sandbox costs agree.
 * Spot: no list price exists; prices move with the market. Estimated as a fixed
 * share of on-demand, within the 30–36 % the Paris spot history of these
 * families showed over the same period.
 */
import { findInstanceType } from './instanceTypes';

export const PRICE_REGION = 'eu-west-3';

/** Hours in an average month (365 × 24 / 12), the figure AWS's calculator uses. */
export const HOURS_PER_MONTH = 730;

/** Spot price estimated as this share of on-demand. */
export const SPOT_SHARE_OF_ON_DEMAND = 0.33;

const ON_DEMAND_HOURLY_EU_WEST_3: Readonly<Record<string, number>> = {
  't3.medium': 0.0472,
  't3.large': 0.0944,
  't3a.large': 0.085,
  't3.xlarge': 0.1888,
  'c5.large': 0.101,
  'c5.xlarge': 0.202,
  'c5a.xlarge': 0.182,
  'c5d.xlarge': 0.23,
  'c6i.xlarge': 0.202,
  'c5.2xlarge': 0.404,
  'm5.large': 0.112,
  'm5a.large': 0.101,
  'm6i.large': 0.112,
  'm5.xlarge': 0.224,
  'm5a.xlarge': 0.202,
  'm6i.xlarge': 0.224,
  'r5.large': 0.148,
};

/** On-demand hourly price of a type, or undefined when the table lacks it. */
export function onDemandHourlyPrice(instanceType: string): number | undefined {
  return ON_DEMAND_HOURLY_EU_WEST_3[instanceType];
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
