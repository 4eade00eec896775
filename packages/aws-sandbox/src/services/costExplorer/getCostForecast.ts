/**
 * GetCostForecast: the resources alive now keep running. Each forecast day costs what
 * they cost in a full day (mean = daily run rate × days); the prediction interval is
 * ±z × 2.5 % × √(days ahead) of each day's mean, so it widens with the horizon, z being
 * the normal quantile of PredictionIntervalLevel.
 */
import {
  ForecastResult,
  GetCostForecastRequest,
  GetCostForecastResponse,
} from '@aws-sdk/client-cost-explorer';
import { DAY_MS, formatDay, parseDay, splitPeriods, startOfDay } from './dates';
import { validateExpression } from './filter';
import { CostLedger } from './ledger';
import { formatAmount } from './metrics';
import { checkGranularity } from './requestValidation';
import { validationError } from './validationError';

export type CostForecastResult = Omit<GetCostForecastResponse, '$metadata'>;

const COST_FORECAST_METRICS = [
  'AMORTIZED_COST',
  'BLENDED_COST',
  'NET_AMORTIZED_COST',
  'NET_UNBLENDED_COST',
  'UNBLENDED_COST',
];

const DEFAULT_PREDICTION_INTERVAL_LEVEL = 80;
const DAILY_RELATIVE_SPREAD = 0.025;

/** Normal quantile by Tukey's lambda approximation (about 0.1 % off in 51–99 %). */
function normalQuantile(p: number): number {
  return 4.91 * (p ** 0.14 - (1 - p) ** 0.14);
}

function checkForecastMetric(metric: string | undefined): void {
  if (metric === 'USAGE_QUANTITY' || metric === 'NORMALIZED_USAGE_AMOUNT') {
    throw validationError(
      `Metric ${metric} is not supported by GetCostForecast. Use GetUsageForecast for usage metrics`,
    );
  }
  if (!metric || !COST_FORECAST_METRICS.includes(metric)) {
    throw validationError(
      `Metric ${
        metric ?? ''
      } is invalid. Valid values are ${COST_FORECAST_METRICS.join(', ')}`,
    );
  }
}

function checkIntervalLevel(level: number | undefined): number {
  if (level === undefined) return DEFAULT_PREDICTION_INTERVAL_LEVEL;
  if (!Number.isInteger(level) || level < 51 || level > 99) {
    throw validationError(
      'PredictionIntervalLevel must be an integer between 51 and 99',
    );
  }
  return level;
}

export function getCostForecast(
  request: GetCostForecastRequest,
  ledger: CostLedger,
): CostForecastResult {
  const start = request.TimePeriod?.Start;
  const end = request.TimePeriod?.End;
  const startMs = parseDay(start);
  const endMs = parseDay(end);
  if (startMs === undefined || endMs === undefined) {
    throw validationError(
      `${startMs === undefined ? 'Start' : 'End'} time ${
        (startMs === undefined ? start : end) ?? ''
      } is invalid. Valid format is: yyyy-MM-dd.`,
    );
  }
  if (startMs >= endMs) {
    throw validationError(
      `Requested Start: ${start} must be before requested End: ${end}`,
    );
  }
  const todayMs = startOfDay(ledger.nowMs);
  if (startMs < todayMs) {
    throw validationError(
      `Start date must be equal to or later than the current date: ${formatDay(
        todayMs,
      )}`,
    );
  }
  checkForecastMetric(request.Metric);
  const granularity = checkGranularity(request.Granularity);
  const z = normalQuantile(
    (1 + checkIntervalLevel(request.PredictionIntervalLevel) / 100) / 2,
  );
  if (request.Filter) validateExpression(request.Filter);

  let total = 0;
  const results: ForecastResult[] = splitPeriods(
    start as string,
    end as string,
    granularity,
  ).map(period => {
    let mean = 0;
    let halfWidth = 0;
    for (const item of ledger.projected(
      period.Start,
      period.End,
      request.Filter,
    )) {
      const daysAhead = ((parseDay(item.day) as number) - todayMs) / DAY_MS + 1;
      mean += item.cost;
      halfWidth += z * DAILY_RELATIVE_SPREAD * Math.sqrt(daysAhead) * item.cost;
    }
    total += mean;
    return {
      TimePeriod: period,
      MeanValue: formatAmount(mean),
      PredictionIntervalLowerBound: formatAmount(Math.max(0, mean - halfWidth)),
      PredictionIntervalUpperBound: formatAmount(mean + halfWidth),
    };
  });
  return {
    Total: { Amount: formatAmount(total), Unit: 'USD' },
    ForecastResultsByTime: results,
  };
}
