/**
 * This month so far against its budget, with Cost Explorer's forecast to month end, and
 * against the same days of the previous month.
 */
import { totalWithin } from './aggregate';
import { CostForecastResponse, parseAmount } from './costExplorer';
import {
  CostBudget,
  CostPeriod,
  DailyCost,
  MonthOverMonthChange,
  MonthToDateCost,
} from './types';

/** Float noise must not turn a change of exactly the threshold into an alert. */
const EPSILON = 1e-9;

export type CostForecast = NonNullable<MonthToDateCost['forecast']>;

/**
 * The forecast of a GetCostForecast answer, undefined without one (AWS refuses to
 * forecast for accounts with too little history). Over several periods the bounds are
 * summed, a conservative interval of the sum; the monthly query has a single period.
 */
export function costForecast(
  response: CostForecastResponse | undefined,
  period: CostPeriod,
  predictionIntervalLevel: number,
): CostForecast | undefined {
  const byTime = response?.ForecastResultsByTime ?? [];
  if (response?.Total?.Amount === undefined && byTime.length === 0) {
    return undefined;
  }
  const sum = (pick: (entry: (typeof byTime)[number]) => string | undefined) =>
    byTime.reduce((total, entry) => total + parseAmount(pick(entry)), 0);
  const mean =
    response?.Total?.Amount !== undefined
      ? parseAmount(response.Total.Amount)
      : sum(entry => entry.MeanValue);
  const hasBounds = byTime.some(
    entry =>
      entry.PredictionIntervalLowerBound !== undefined &&
      entry.PredictionIntervalUpperBound !== undefined,
  );
  return {
    period,
    mean,
    lower: hasBounds ? sum(entry => entry.PredictionIntervalLowerBound) : mean,
    upper: hasBounds ? sum(entry => entry.PredictionIntervalUpperBound) : mean,
    predictionIntervalLevel,
  };
}

/**
 * Month to date is the daily totals within `period`. The projection is the cost of the
 * days before the forecast starts plus the forecast mean: the forecast covers today in
 * full, so today's partial cost is not counted twice.
 */
export function monthToDateCost(options: {
  month: string;
  period: CostPeriod;
  daily: DailyCost[];
  forecast?: CostForecast;
  budget?: CostBudget;
}): MonthToDateCost {
  const { month, period, forecast, budget } = options;
  const amount = totalWithin(options.daily, period);
  const beforeForecast = forecast
    ? totalWithin(options.daily, {
        start: period.start,
        end: forecast.period.start,
      })
    : amount;
  const projectedMonthTotal = beforeForecast + (forecast?.mean ?? 0);
  const result: MonthToDateCost = {
    month,
    period,
    amount,
    projectedMonthTotal,
    status: 'no-budget',
  };
  if (forecast) result.forecast = forecast;
  if (!budget) return result;
  result.budget = budget;
  result.projectedBudgetPercent = (projectedMonthTotal / budget.amount) * 100;
  if (amount > budget.amount) {
    result.status = 'over';
  } else if (
    projectedMonthTotal > budget.amount ||
    (forecast !== undefined && beforeForecast + forecast.upper > budget.amount)
  ) {
    result.status = 'at-risk';
  } else {
    result.status = 'under';
  }
  return result;
}

/**
 * This month so far against the same days of the previous month. No percentage when the
 * previous period cost nothing (or only credits): any change from zero is infinite.
 */
export function monthOverMonth(
  daily: DailyCost[],
  current: CostPeriod,
  previous: CostPeriod,
  thresholdPercent: number,
): MonthOverMonthChange {
  const currentAmount = totalWithin(daily, current);
  const previousAmount = totalWithin(daily, previous);
  const changePercent =
    previousAmount > 0
      ? ((currentAmount - previousAmount) / previousAmount) * 100
      : undefined;
  const result: MonthOverMonthChange = {
    current: { period: current, amount: currentAmount },
    previous: { period: previous, amount: previousAmount },
    thresholdPercent,
    growthAlert:
      changePercent !== undefined && changePercent > thresholdPercent + EPSILON,
  };
  if (changePercent !== undefined) result.changePercent = changePercent;
  return result;
}
