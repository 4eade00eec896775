/**
 * The report's currency. Cost Explorer gives every amount with its `Unit` ("USD"); a
 * configured conversion multiplies every cost amount by its rate and names the report's
 * currency. Two currencies are never mixed: Cost Explorer answering in two units, or in
 * another than the conversion's `from`, is an Error.
 */
import { CostForecastResponse, costGroups, parseAmount } from './costExplorer';
import { CostResultByTime, CurrencyConversion } from './types';

/** Cost Explorer's currency when an answer carries no amount to read it from. */
export const DEFAULT_COST_CURRENCY = 'USD';

/** The distinct units of `metric` amounts in results (usage units if asked for usage). */
export function costUnits(
  results: CostResultByTime[],
  metric: string,
): string[] {
  const units = new Set<string>();
  for (const result of results) {
    for (const group of costGroups(result, metric)) {
      if (group.unit) units.add(group.unit);
    }
  }
  return [...units].sort();
}

export function forecastUnits(
  response: CostForecastResponse | undefined,
): string[] {
  const unit = response?.Total?.Unit;
  return unit ? [unit] : [];
}

export interface ReportCurrency {
  currency: string;
  /** What each Cost Explorer amount is multiplied by: 1 without conversion. */
  rate: number;
  conversion?: CurrencyConversion;
}

export function checkCurrencyConversion(conversion: CurrencyConversion): void {
  if (!conversion.from || !conversion.to) {
    throw new Error('A currency conversion needs both from and to currencies');
  }
  if (!Number.isFinite(conversion.rate) || conversion.rate <= 0) {
    throw new Error(
      `The ${conversion.from} to ${conversion.to} conversion rate must be a positive number, got ${conversion.rate}`,
    );
  }
}

/** The currency of amounts given in `units` (all the cost units of a report's answers). */
export function reportCurrency(
  units: string[],
  conversion?: CurrencyConversion,
): ReportCurrency {
  const distinct = [...new Set(units)].sort();
  if (distinct.length > 1) {
    throw new Error(
      `Cost Explorer answered in several currencies (${distinct.join(
        ', ',
      )}); amounts in different currencies cannot be added`,
    );
  }
  const [unit] = distinct;
  if (!conversion) {
    return { currency: unit ?? DEFAULT_COST_CURRENCY, rate: 1 };
  }
  checkCurrencyConversion(conversion);
  if (unit !== undefined && unit !== conversion.from) {
    throw new Error(
      `Cost Explorer answered in ${unit} but the configured conversion is from ${conversion.from}`,
    );
  }
  return { currency: conversion.to, rate: conversion.rate, conversion };
}

function convertAmount(amount: string | undefined, rate: number) {
  return amount === undefined ? undefined : String(parseAmount(amount) * rate);
}

/**
 * Results with the `metric` amounts multiplied by `rate` and their unit set to
 * `currency`; other metrics (UsageQuantity) are left alone.
 */
export function convertResults(
  results: CostResultByTime[],
  metric: string,
  target: ReportCurrency,
): CostResultByTime[] {
  if (!target.conversion) return results;
  const convert = (
    values: Record<string, { Amount?: string; Unit?: string }> | undefined,
  ) =>
    values?.[metric]
      ? {
          ...values,
          [metric]: {
            Amount: convertAmount(values[metric].Amount, target.rate),
            Unit: target.currency,
          },
        }
      : values;
  return results.map(result => ({
    ...result,
    Total: convert(result.Total),
    Groups: result.Groups?.map(group => ({
      ...group,
      Metrics: convert(group.Metrics),
    })),
  }));
}

export function convertForecast(
  response: CostForecastResponse | undefined,
  target: ReportCurrency,
): CostForecastResponse | undefined {
  if (!response || !target.conversion) return response;
  return {
    Total: response.Total && {
      Amount: convertAmount(response.Total.Amount, target.rate),
      Unit: target.currency,
    },
    ForecastResultsByTime: response.ForecastResultsByTime?.map(entry => ({
      ...entry,
      MeanValue: convertAmount(entry.MeanValue, target.rate),
      PredictionIntervalLowerBound: convertAmount(
        entry.PredictionIntervalLowerBound,
        target.rate,
      ),
      PredictionIntervalUpperBound: convertAmount(
        entry.PredictionIntervalUpperBound,
        target.rate,
      ),
    })),
  };
}
