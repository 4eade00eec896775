/**
 * The Cost Explorer requests the cost maths writes and the responses it reads, as plain
 * JSON structurally compatible with `@aws-sdk/client-cost-explorer` (common code has no
 * SDK dependency), and how amounts are read out of them.
 */
import { CostResultByTime } from './types';

export interface CostExplorerTimePeriod {
  Start: string;
  End: string;
}

/** The filter subset the queries use; every value is matched exactly. */
export type CostFilterExpression =
  | { And: CostFilterExpression[] }
  | {
      Dimensions: {
        Key: 'LINKED_ACCOUNT';
        Values: string[];
        MatchOptions: Array<'EQUALS'>;
      };
    }
  | { Tags: { Key: string; Values: string[]; MatchOptions: Array<'EQUALS'> } };

export interface CostGroupDefinition {
  Type: 'DIMENSION' | 'TAG';
  Key: string;
}

/** A `GetCostAndUsageRequest` without the page token the backend adds while paging. */
export interface CostAndUsageRequest {
  TimePeriod: CostExplorerTimePeriod;
  Granularity: 'DAILY' | 'MONTHLY';
  Filter: CostFilterExpression;
  Metrics: string[];
  GroupBy: CostGroupDefinition[];
}

/** GetCostForecast names its metrics in UPPER_SNAKE form. */
export type CostForecastMetric =
  | 'UNBLENDED_COST'
  | 'AMORTIZED_COST'
  | 'NET_AMORTIZED_COST';

export interface CostForecastRequest {
  TimePeriod: CostExplorerTimePeriod;
  Metric: CostForecastMetric;
  Granularity: 'MONTHLY';
  Filter: CostFilterExpression;
  PredictionIntervalLevel: number;
}

/** The part of a `GetCostForecastResponse` the maths reads. */
export interface CostForecastResponse {
  Total?: { Amount?: string; Unit?: string };
  ForecastResultsByTime?: Array<{
    TimePeriod?: { Start?: string; End?: string };
    MeanValue?: string;
    PredictionIntervalLowerBound?: string;
    PredictionIntervalUpperBound?: string;
  }>;
}

/** GetCostAndUsage also reports usage; UsageQuantity is in the line's unit (Hrs…). */
export const USAGE_QUANTITY = 'UsageQuantity';

export type MetricValues = Record<string, { Amount?: string; Unit?: string }>;

/** A Cost Explorer amount ("12.3456789"); a missing one is 0, a malformed one an Error. */
export function parseAmount(amount: string | undefined): number {
  if (amount === undefined || amount === '') return 0;
  const value = Number(amount);
  if (!Number.isFinite(value)) {
    throw new Error(
      `Cost Explorer returned an amount that is not a number: "${amount}"`,
    );
  }
  return value;
}

export function metricAmount(
  values: MetricValues | undefined,
  metric: string,
): number {
  return parseAmount(values?.[metric]?.Amount);
}

export interface CostGroupAmount {
  keys: string[];
  amount: number;
  /** The amount's unit as Cost Explorer gave it ("USD", "Hrs"…). */
  unit?: string;
}

/**
 * The groups of one result with their amount of `metric`. An ungrouped result (its
 * `Groups` empty) is one group without keys holding its `Total`; a grouped result
 * without groups (`Total: {}`) has none.
 */
export function costGroups(
  result: CostResultByTime,
  metric: string,
): CostGroupAmount[] {
  if (result.Groups?.length) {
    return result.Groups.map(group => ({
      keys: group.Keys ?? [],
      amount: metricAmount(group.Metrics, metric),
      unit: group.Metrics?.[metric]?.Unit,
    }));
  }
  const total = result.Total?.[metric];
  return total
    ? [{ keys: [], amount: parseAmount(total.Amount), unit: total.Unit }]
    : [];
}
