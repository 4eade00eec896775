/**
 * The Cost Explorer requests behind one cluster's cost report, as plain JSON with a fixed
 * key order: the backend may cache answers by `JSON.stringify(request)`.
 *
 * | request                 | call            | granularity | period          | grouped by                   |
 * | ----------------------- | --------------- | ----------- | --------------- | ---------------------------- |
 * | daily                   | GetCostAndUsage | DAILY       | range (*)       | SERVICE                      |
 * | purchaseAndInstanceType | GetCostAndUsage | MONTHLY     | range           | PURCHASE_TYPE, INSTANCE_TYPE |
 * | nodeGroups              | GetCostAndUsage | MONTHLY     | range           | tag eks:nodegroup-name       |
 * | tags[]                  | GetCostAndUsage | MONTHLY     | range           | one configured tag each      |
 * | forecast                | GetCostForecast | MONTHLY     | today→month end | –                            |
 *
 * (*) extended back to the start of the previous month when the range is shorter, so
 * month over month always has its previous period.
 */
import {
  CostAndUsageRequest,
  CostFilterExpression,
  CostForecastMetric,
  CostForecastRequest,
  CostGroupDefinition,
  USAGE_QUANTITY,
} from './costExplorer';
import { CostPeriods } from './periods';
import { CostAllocation, CostMetric, CostPeriod } from './types';

/** The tag EKS puts on the instances (and so the costs) of a managed node group. */
export const NODE_GROUP_TAG = 'eks:nodegroup-name';

/** The forecast's prediction interval, in percent. */
export const COST_FORECAST_PREDICTION_INTERVAL_LEVEL = 80;

const FORECAST_METRICS: Record<CostMetric, CostForecastMetric> = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
};

export function forecastMetric(metric: CostMetric): CostForecastMetric {
  return FORECAST_METRICS[metric];
}

export interface CostExplorerQueries {
  daily: CostAndUsageRequest;
  purchaseAndInstanceType: CostAndUsageRequest;
  nodeGroups: CostAndUsageRequest;
  tags: Array<{ tagKey: string; request: CostAndUsageRequest }>;
  forecast: CostForecastRequest;
}

/** All of `expressions`; one alone is not wrapped, Cost Explorer rejects a one-element And. */
export function allOf(
  expressions: CostFilterExpression[],
): CostFilterExpression {
  if (expressions.length === 0) {
    throw new Error('A cost filter needs at least one expression');
  }
  return expressions.length === 1 ? expressions[0] : { And: expressions };
}

/**
 * The cluster's costs: its account (a management account's Cost Explorer sees every
 * member account) and each of its tags, in key order so equal allocations give equal
 * requests.
 */
export function costAllocationFilter(
  allocation: CostAllocation,
): CostFilterExpression {
  const tags: CostFilterExpression[] = Object.keys(allocation.tags)
    .sort()
    .map(key => ({
      Tags: {
        Key: key,
        Values: [allocation.tags[key]],
        MatchOptions: ['EQUALS'],
      },
    }));
  return allOf([
    {
      Dimensions: {
        Key: 'LINKED_ACCOUNT',
        Values: [allocation.accountId],
        MatchOptions: ['EQUALS'],
      },
    },
    ...tags,
  ]);
}

function costAndUsage(
  period: CostPeriod,
  granularity: 'DAILY' | 'MONTHLY',
  filter: CostFilterExpression,
  metrics: string[],
  groupBy: CostGroupDefinition[],
): CostAndUsageRequest {
  return {
    TimePeriod: { Start: period.start, End: period.end },
    Granularity: granularity,
    Filter: filter,
    Metrics: metrics,
    GroupBy: groupBy,
  };
}

export function costExplorerQueries(options: {
  allocation: CostAllocation;
  periods: CostPeriods;
  metric: CostMetric;
  /** Tag keys to break costs down by, in display order; duplicates are dropped. */
  breakdownTags: string[];
}): CostExplorerQueries {
  const { allocation, periods, metric } = options;
  const filter = costAllocationFilter(allocation);
  const { range, previousMonthSamePeriod } = periods;
  const dailyPeriod = {
    start:
      previousMonthSamePeriod.start < range.start
        ? previousMonthSamePeriod.start
        : range.start,
    end: range.end,
  };
  const monthly = (
    groupBy: CostGroupDefinition[],
    metrics: string[] = [metric],
  ) => costAndUsage(range, 'MONTHLY', filter, metrics, groupBy);
  return {
    daily: costAndUsage(
      dailyPeriod,
      'DAILY',
      filter,
      [metric],
      [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ),
    purchaseAndInstanceType: monthly(
      [
        { Type: 'DIMENSION', Key: 'PURCHASE_TYPE' },
        { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
      ],
      [metric, USAGE_QUANTITY],
    ),
    nodeGroups: monthly([{ Type: 'TAG', Key: NODE_GROUP_TAG }]),
    tags: [...new Set(options.breakdownTags)].map(tagKey => ({
      tagKey,
      request: monthly([{ Type: 'TAG', Key: tagKey }]),
    })),
    forecast: {
      TimePeriod: { Start: periods.forecast.start, End: periods.forecast.end },
      Metric: forecastMetric(metric),
      Granularity: 'MONTHLY',
      Filter: filter,
      PredictionIntervalLevel: COST_FORECAST_PREDICTION_INTERVAL_LEVEL,
    },
  };
}
