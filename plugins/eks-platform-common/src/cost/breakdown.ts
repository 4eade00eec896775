/**
 * Cost breakdowns: the groups of GetCostAndUsage results summed over all their periods,
 * largest first. Tag group keys read `"<key>$<value>"`, and `"<key>$"` for costs without
 * the tag; dimension keys are the value itself.
 */
import { costGroups } from './costExplorer';
import { compareText } from './dates';
import { NODE_GROUP_TAG } from './queries';
import {
  CostBreakdown,
  CostBreakdownItem,
  CostMetric,
  CostPeriod,
  CostResultByTime,
} from './types';

export const UNTAGGED_LABEL = '(untagged)';
/** A dimension group with an empty value. */
export const NO_VALUE_LABEL = '(none)';

/**
 * Cost Explorer's PURCHASE_TYPE values and how to show them; any other value shows as
 * AWS wrote it.
 */
export const PURCHASE_TYPE_LABELS: Readonly<Record<string, string>> = {
  'On Demand Instances': 'On-demand',
  'Spot Instances': 'Spot',
  'Savings Plans': 'Savings Plans',
  'Standard Reserved Instances': 'Reserved (standard)',
  'Convertible Reserved Instances': 'Reserved (convertible)',
};

export interface BreakdownOptions {
  /** `SERVICE`, `PURCHASE_TYPE`, `NODE_GROUP` or `TAG:<key>`. */
  id: string;
  title: string;
  period: CostPeriod;
  /** For tag groups: the tag key whose `key$` prefix is stripped from group keys. */
  tagKey?: string;
  /** What to show for a non-empty key; by default the key itself. */
  label?: (key: string) => string;
}

function byAmountThenLabel(a: CostBreakdownItem, b: CostBreakdownItem) {
  return (
    b.amount - a.amount ||
    compareText(a.label, b.label) ||
    compareText(a.key, b.key)
  );
}

export function breakdown(
  results: CostResultByTime[],
  metric: CostMetric,
  options: BreakdownOptions,
): CostBreakdown {
  const prefix =
    options.tagKey === undefined ? undefined : `${options.tagKey}$`;
  const amounts = new Map<string, number>();
  for (const result of results) {
    for (const group of costGroups(result, metric)) {
      // Grouped by two (purchase option, instance type): by the first.
      let key = group.keys[0] ?? '';
      if (prefix !== undefined && key.startsWith(prefix)) {
        key = key.slice(prefix.length);
      }
      amounts.set(key, (amounts.get(key) ?? 0) + group.amount);
    }
  }
  const total = [...amounts.values()].reduce((sum, amount) => sum + amount, 0);
  const labelOf = (key: string) => {
    if (key === '') {
      return options.tagKey === undefined ? NO_VALUE_LABEL : UNTAGGED_LABEL;
    }
    return options.label ? options.label(key) : key;
  };
  const items = [...amounts.entries()]
    .map(([key, amount]) => ({
      key,
      label: labelOf(key),
      amount,
      share: total === 0 ? 0 : amount / total,
    }))
    .sort(byAmountThenLabel);
  return {
    id: options.id,
    title: options.title,
    period: options.period,
    total,
    items,
  };
}

export function serviceBreakdown(
  results: CostResultByTime[],
  metric: CostMetric,
  period: CostPeriod,
): CostBreakdown {
  return breakdown(results, metric, {
    id: 'SERVICE',
    title: 'By service',
    period,
  });
}

/** From results grouped by PURCHASE_TYPE first (the purchaseAndInstanceType query). */
export function purchaseTypeBreakdown(
  results: CostResultByTime[],
  metric: CostMetric,
  period: CostPeriod,
): CostBreakdown {
  return breakdown(results, metric, {
    id: 'PURCHASE_TYPE',
    title: 'By purchase option',
    period,
    label: key =>
      Object.prototype.hasOwnProperty.call(PURCHASE_TYPE_LABELS, key)
        ? PURCHASE_TYPE_LABELS[key]
        : key,
  });
}

export function nodeGroupBreakdown(
  results: CostResultByTime[],
  metric: CostMetric,
  period: CostPeriod,
): CostBreakdown {
  return breakdown(results, metric, {
    id: 'NODE_GROUP',
    title: 'By node group',
    period,
    tagKey: NODE_GROUP_TAG,
  });
}

export function tagBreakdown(
  tagKey: string,
  results: CostResultByTime[],
  metric: CostMetric,
  period: CostPeriod,
): CostBreakdown {
  return breakdown(results, metric, {
    id: `TAG:${tagKey}`,
    title: `By tag ${tagKey}`,
    period,
    tagKey,
  });
}
