/**
 * Cost Explorer answers for the cost tests, shaped like the SDK's `ResultByTime`: a
 * grouped result has `Total: {}`, an ungrouped one `Groups: []`.
 */
import { CostResultByTime } from './types';

type Amounts = Record<string, { Amount?: string; Unit?: string }>;

/** One group with an UnblendedCost amount in USD (and UsageQuantity hours if given). */
export function group(
  keys: string[],
  cost: string,
  hours?: string,
): NonNullable<CostResultByTime['Groups']>[number] {
  const metrics: Amounts = { UnblendedCost: { Amount: cost, Unit: 'USD' } };
  if (hours !== undefined) {
    metrics.UsageQuantity = { Amount: hours, Unit: 'Hrs' };
  }
  return { Keys: keys, Metrics: metrics };
}

export function grouped(
  start: string,
  end: string,
  groups: NonNullable<CostResultByTime['Groups']>,
  estimated = false,
): CostResultByTime {
  return {
    TimePeriod: { Start: start, End: end },
    Total: {},
    Groups: groups,
    Estimated: estimated,
  };
}

export function ungrouped(
  start: string,
  end: string,
  cost: string,
  estimated = false,
): CostResultByTime {
  return {
    TimePeriod: { Start: start, End: end },
    Total: { UnblendedCost: { Amount: cost, Unit: 'USD' } },
    Groups: [],
    Estimated: estimated,
  };
}
