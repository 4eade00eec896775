/**
 * Cost Explorer metrics over line items. There are no reservations, savings plans,
 * credits or discounts in the sandbox, so every cost metric (unblended, blended,
 * amortized, net…) has the same value.
 */
import { MetricValue } from '@aws-sdk/client-cost-explorer';
import { LineItem } from './lineItems';

/** Metric names GetCostAndUsage accepts (GetCostForecast uses the UPPER_CASE form). */
export const COST_AND_USAGE_METRICS = [
  'AmortizedCost',
  'BlendedCost',
  'NetAmortizedCost',
  'NetUnblendedCost',
  'NormalizedUsageAmount',
  'UnblendedCost',
  'UsageQuantity',
] as const;
export type CostAndUsageMetric = (typeof COST_AND_USAGE_METRICS)[number];

export function isCostAndUsageMetric(name: string): name is CostAndUsageMetric {
  return (COST_AND_USAGE_METRICS as readonly string[]).includes(name);
}

/** AWS prints amounts with up to 10 decimals and no trailing zeros: "12.3456789", "0". */
export function formatAmount(value: number): string {
  if (value === 0) return '0';
  const fixed = value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function usageUnit(items: LineItem[]): string {
  const units = new Set(items.map(item => item.usageUnit));
  // Mixed usage (hours and gigabytes) has no unit, as in Cost Explorer.
  return units.size === 1 ? [...units][0] : 'N/A';
}

function sum(items: LineItem[], pick: (item: LineItem) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

export function metricValue(
  metric: CostAndUsageMetric,
  items: LineItem[],
): MetricValue {
  switch (metric) {
    case 'UsageQuantity':
      return {
        Amount: formatAmount(sum(items, item => item.usage)),
        Unit: usageUnit(items),
      };
    case 'NormalizedUsageAmount':
      return {
        Amount: formatAmount(sum(items, item => item.normalizedUsage)),
        Unit: 'N/A',
      };
    default:
      return {
        Amount: formatAmount(sum(items, item => item.cost)),
        Unit: 'USD',
      };
  }
}

export function metricValues(
  metrics: CostAndUsageMetric[],
  items: LineItem[],
): Record<string, MetricValue> {
  return Object.fromEntries(
    metrics.map(metric => [metric, metricValue(metric, items)]),
  );
}
