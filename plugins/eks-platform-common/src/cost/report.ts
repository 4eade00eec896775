/**
 * Cost reports from Cost Explorer's answers to the queries of `costExplorerQueries`: a
 * cluster's report, its line on the finance page, and the finance page itself.
 */
import {
  dailyCostsByService,
  lastCompleteDay,
  monthlyCosts,
  resultsWithin,
  servicesByTotal,
} from './aggregate';
import {
  nodeGroupBreakdown,
  purchaseTypeBreakdown,
  serviceBreakdown,
  tagBreakdown,
} from './breakdown';
import { costForecast, monthOverMonth, monthToDateCost } from './budget';
import { CostForecastResponse } from './costExplorer';
import {
  convertForecast,
  convertResults,
  costUnits,
  forecastUnits,
  reportCurrency,
} from './currency';
import { compareText, isWithin, isoDay, monthOf } from './dates';
import { CostPeriods } from './periods';
import { COST_FORECAST_PREDICTION_INTERVAL_LEVEL } from './queries';
import { InstancePriceOf, spotSavings } from './spotSavings';
import {
  ClusterCostReport,
  CostAllocation,
  CostBudget,
  CostMetric,
  CostResultByTime,
  CurrencyConversion,
  EnvironmentCostSummary,
  FinanceCostReport,
} from './types';

/** Cost Explorer's answers, each the `ResultsByTime` of all pages concatenated. */
export interface ClusterCostResults {
  daily: CostResultByTime[];
  purchaseAndInstanceType: CostResultByTime[];
  nodeGroups: CostResultByTime[];
  tags: Array<{ tagKey: string; results: CostResultByTime[] }>;
  /** Absent when AWS gave no forecast (it refuses one for accounts without history). */
  forecast?: CostForecastResponse;
}

export interface ClusterCostInputs {
  entityRef: string;
  metric: CostMetric;
  months: number;
  now: Date;
  allocation: CostAllocation;
  periods: CostPeriods;
  results: ClusterCostResults;
  budget?: CostBudget;
  growthThresholdPercent: number;
  conversion?: CurrencyConversion;
  /** On-demand hourly list price in Cost Explorer's currency (before conversion). */
  priceOf: InstancePriceOf;
}

export function buildClusterCostReport(
  inputs: ClusterCostInputs,
): ClusterCostReport {
  const { metric, periods, results } = inputs;
  const { range } = periods;
  const target = reportCurrency(
    [
      ...costUnits(
        [
          ...results.daily,
          ...results.purchaseAndInstanceType,
          ...results.nodeGroups,
          ...results.tags.flatMap(tag => tag.results),
        ],
        metric,
      ),
      ...forecastUnits(results.forecast),
    ],
    inputs.conversion,
  );
  const convert = (answer: CostResultByTime[]) =>
    convertResults(answer, metric, target);
  const inRange = (answer: CostResultByTime[]) =>
    resultsWithin(convert(answer), range);

  // The daily answer may start a month early for month over month.
  const allDaily = dailyCostsByService(convert(results.daily), metric);
  const daily = allDaily.filter(day => isWithin(day.date, range));
  const purchases = inRange(results.purchaseAndInstanceType);
  const nodeGroups = inRange(results.nodeGroups);
  const tags = results.tags.map(tag => ({
    tagKey: tag.tagKey,
    results: inRange(tag.results),
  }));
  const estimated =
    daily.some(day => day.estimated) ||
    [purchases, nodeGroups, ...tags.map(tag => tag.results)].some(answer =>
      answer.some(result => result.Estimated === true),
    );

  const forecast = costForecast(
    convertForecast(results.forecast, target),
    periods.forecast,
    COST_FORECAST_PREDICTION_INTERVAL_LEVEL,
  );
  const report: ClusterCostReport = {
    entityRef: inputs.entityRef,
    metric,
    currency: target.currency,
    range: { ...range, months: inputs.months },
    generatedAt: inputs.now.toISOString(),
    costAllocation: inputs.allocation,
    estimated,
    services: servicesByTotal(daily),
    daily,
    monthly: monthlyCosts(daily, range, periods.today),
    breakdowns: [
      serviceBreakdown(inRange(results.daily), metric, range),
      purchaseTypeBreakdown(purchases, metric, range),
      nodeGroupBreakdown(nodeGroups, metric, range),
      ...tags.map(tag => tagBreakdown(tag.tagKey, tag.results, metric, range)),
    ],
    monthToDate: monthToDateCost({
      month: periods.month,
      period: periods.monthToDate,
      daily: allDaily,
      forecast,
      budget: inputs.budget,
    }),
    monthOverMonth: monthOverMonth(
      allDaily,
      periods.monthToDate,
      periods.previousMonthSamePeriod,
      inputs.growthThresholdPercent,
    ),
    spotSavings: spotSavings(purchases, metric, range, instanceType => {
      const price = inputs.priceOf(instanceType);
      return price === undefined ? undefined : price * target.rate;
    }),
  };
  if (target.conversion) report.conversion = target.conversion;
  const complete = lastCompleteDay(daily);
  if (complete !== undefined) report.lastCompleteDay = complete;
  return report;
}

/** Who an environment's line is about, from its cluster entity. */
export interface EnvironmentIdentity {
  entityRef: string;
  title: string;
  environment?: string;
  accountId?: string;
}

/** An environment's line on the finance page: its report's figures, or why there are none. */
export function summarizeEnvironment(
  identity: EnvironmentIdentity,
  report: ClusterCostReport | { error: string },
): EnvironmentCostSummary {
  // Only the identity's own fields: a summary may be passed back in as the identity.
  const summary: EnvironmentCostSummary = {
    entityRef: identity.entityRef,
    title: identity.title,
  };
  if (identity.environment !== undefined) {
    summary.environment = identity.environment;
  }
  if (identity.accountId !== undefined) summary.accountId = identity.accountId;
  if ('error' in report) {
    summary.error = report.error;
    return summary;
  }
  summary.currency = report.currency;
  summary.monthToDate = report.monthToDate;
  summary.monthOverMonth = report.monthOverMonth;
  if (report.lastCompleteDay !== undefined) {
    summary.lastCompleteDay = report.lastCompleteDay;
  }
  summary.estimated = report.estimated;
  return summary;
}

/**
 * The finance page: every environment's line, by entity ref, and totals over those with
 * figures. A line in another currency than the page's loses its figures (and says why)
 * rather than being added in the wrong currency.
 */
export function buildFinanceCostReport(options: {
  metric: CostMetric;
  now: Date;
  environments: EnvironmentCostSummary[];
  currency: string;
  conversion?: CurrencyConversion;
}): FinanceCostReport {
  const { currency } = options;
  const environments = options.environments
    .map((environment): EnvironmentCostSummary => {
      if (
        environment.monthToDate === undefined ||
        environment.currency === undefined ||
        environment.currency === currency
      ) {
        return environment;
      }
      return summarizeEnvironment(environment, {
        error: `Costs are in ${environment.currency}, not ${currency}: left out of the totals`,
      });
    })
    .sort((a, b) => compareText(a.entityRef, b.entityRef));
  const totals = {
    monthToDate: 0,
    projectedMonthTotal: 0,
    budget: 0,
    environmentsWithoutFigures: 0,
  };
  for (const { monthToDate } of environments) {
    if (!monthToDate) {
      totals.environmentsWithoutFigures += 1;
      continue;
    }
    totals.monthToDate += monthToDate.amount;
    totals.projectedMonthTotal += monthToDate.projectedMonthTotal;
    totals.budget += monthToDate.budget?.amount ?? 0;
  }
  const report: FinanceCostReport = {
    metric: options.metric,
    currency,
    month: monthOf(isoDay(options.now.getTime())),
    generatedAt: options.now.toISOString(),
    environments,
    totals,
  };
  if (options.conversion) report.conversion = options.conversion;
  return report;
}
