/**
 * The cost reports the backend serves and the frontend renders. Every amount is in
 * `currency` (AWS's own currency unless a conversion is configured) and is computed
 * once, here in common code, from Cost Explorer results.
 */

/** Cost Explorer metrics offered: unblended for engineers, amortized views for finance. */
export const COST_METRICS = [
  'UnblendedCost',
  'AmortizedCost',
  'NetAmortizedCost',
] as const;
export type CostMetric = (typeof COST_METRICS)[number];
export const DEFAULT_COST_METRIC: CostMetric = 'UnblendedCost';
/** The finance page opens on amortized cost: commitments spread over their term. */
export const DEFAULT_FINANCE_COST_METRIC: CostMetric = 'AmortizedCost';

/** Months of history a report may cover; Cost Explorer keeps 13 complete months. */
export const MAX_COST_RANGE_MONTHS = 13;
export const DEFAULT_COST_RANGE_MONTHS = 3;

/**
 * The part of a Cost Explorer `ResultByTime` the maths reads. Structurally compatible
 * with `@aws-sdk/client-cost-explorer`'s `ResultByTime`, without depending on the SDK.
 */
export interface CostResultByTime {
  TimePeriod?: { Start?: string; End?: string };
  Total?: Record<string, { Amount?: string; Unit?: string }>;
  Groups?: Array<{
    Keys?: string[];
    Metrics?: Record<string, { Amount?: string; Unit?: string }>;
  }>;
  Estimated?: boolean;
}

/** A `[start, end)` period of ISO dates (YYYY-MM-DD), as Cost Explorer uses them. */
export interface CostPeriod {
  start: string;
  end: string;
}

/** How a cluster's costs are found: its account and the tags every resource carries. */
export interface CostAllocation {
  accountId: string;
  /** Cost-allocation tags, all of which a cost line must carry (AND). */
  tags: Record<string, string>;
}

/** Conversion applied to AWS's amounts, from configuration. */
export interface CurrencyConversion {
  from: string;
  to: string;
  /** One unit of `from` is `rate` units of `to`. */
  rate: number;
}

export interface DailyCost {
  date: string;
  total: number;
  byService: Record<string, number>;
  /** Cost Explorer has not finalised this day yet. */
  estimated: boolean;
}

export interface MonthlyCost {
  /** YYYY-MM */
  month: string;
  total: number;
  byService: Record<string, number>;
  estimated: boolean;
  /** False for the current month and for a first month the range only partly covers. */
  complete: boolean;
}

export interface CostBreakdownItem {
  /** The Cost Explorer group key (a tag's value without its `key$` prefix). */
  key: string;
  /** What to show: e.g. "Spot", "(untagged)". */
  label: string;
  amount: number;
  /** Share of the breakdown's total, 0..1. */
  share: number;
}

export interface CostBreakdown {
  /** `SERVICE`, `PURCHASE_TYPE`, `NODE_GROUP` or `TAG:<key>`. */
  id: string;
  title: string;
  period: CostPeriod;
  total: number;
  /** Largest first. */
  items: CostBreakdownItem[];
}

export type BudgetStatus = 'no-budget' | 'under' | 'at-risk' | 'over';

export interface CostBudget {
  amount: number;
  source: 'annotation' | 'config';
}

/** Month to date, Cost Explorer's forecast to month end, and the budget. */
export interface MonthToDateCost {
  month: string;
  period: CostPeriod;
  amount: number;
  /** GetCostForecast from today to the first day of next month; absent if AWS gave none. */
  forecast?: {
    period: CostPeriod;
    mean: number;
    lower: number;
    upper: number;
    predictionIntervalLevel: number;
  };
  /** Month to date plus the forecast mean (the month to date alone without a forecast). */
  projectedMonthTotal: number;
  budget?: CostBudget;
  /** projectedMonthTotal ÷ budget × 100. */
  projectedBudgetPercent?: number;
  /**
   * `over`: month to date already above budget; `at-risk`: the forecast mean (or the
   * upper bound of its interval) passes it; `under` otherwise.
   */
  status: BudgetStatus;
}

/** Month to date against the same days of the previous month. */
export interface MonthOverMonthChange {
  current: { period: CostPeriod; amount: number };
  previous: { period: CostPeriod; amount: number };
  /** Undefined when the previous period cost nothing. */
  changePercent?: number;
  thresholdPercent: number;
  /** changePercent above thresholdPercent. */
  growthAlert: boolean;
}

/** What spot capacity saved against the on-demand list price of the same hours. */
export interface SpotSavings {
  period: CostPeriod;
  spotCost: number;
  spotHours: number;
  onDemandEquivalent: number;
  savings: number;
  /** savings ÷ onDemandEquivalent × 100; undefined with no priced spot hours. */
  savingsPercent?: number;
  /** Spot instance types without a list price: their hours are left out of the figures. */
  unpricedInstanceTypes: string[];
}

export interface ClusterCostReport {
  entityRef: string;
  metric: CostMetric;
  currency: string;
  conversion?: CurrencyConversion;
  range: CostPeriod & { months: number };
  generatedAt: string;
  costAllocation: CostAllocation;
  /** The last day Cost Explorer reports as final (not estimated), if any. */
  lastCompleteDay?: string;
  /** Some figure in the report is still an estimate. */
  estimated: boolean;
  /** Services by total over the range, largest first: the chart's stack order. */
  services: string[];
  daily: DailyCost[];
  monthly: MonthlyCost[];
  /** By service, by purchase type, by node group, then one per configured tag. */
  breakdowns: CostBreakdown[];
  monthToDate: MonthToDateCost;
  monthOverMonth: MonthOverMonthChange;
  spotSavings: SpotSavings;
}

/** One environment's line on the finance page. */
export interface EnvironmentCostSummary {
  entityRef: string;
  title: string;
  environment?: string;
  accountId?: string;
  /** Present when the environment's costs could not be read; the figures are then absent. */
  error?: string;
  /** The currency of the figures (the cluster report's); absent with an error. */
  currency?: string;
  monthToDate?: MonthToDateCost;
  monthOverMonth?: MonthOverMonthChange;
  lastCompleteDay?: string;
  estimated?: boolean;
}

export interface FinanceCostReport {
  metric: CostMetric;
  currency: string;
  conversion?: CurrencyConversion;
  month: string;
  generatedAt: string;
  environments: EnvironmentCostSummary[];
  /** Sums over the environments that have figures. */
  totals: {
    monthToDate: number;
    projectedMonthTotal: number;
    budget: number;
    environmentsWithoutFigures: number;
  };
}
