/**
 * The periods of one cost report, all UTC calendar days, `[start, end)` as Cost Explorer
 * takes them. Every period that includes today ends tomorrow: today's partial cost
 * counts, and Cost Explorer refuses an End past the first day of next month, which
 * tomorrow never is.
 */
import { addDays, daysInMonth, firstOfMonth, isoDay, monthOf } from './dates';
import {
  COST_METRICS,
  CostMetric,
  CostPeriod,
  DEFAULT_COST_RANGE_MONTHS,
  MAX_COST_RANGE_MONTHS,
} from './types';

export interface CostPeriods {
  /** YYYY-MM of today. */
  month: string;
  /** YYYY-MM-DD, UTC. */
  today: string;
  /** The first day of the month `months - 1` months back, to tomorrow. */
  range: CostPeriod;
  /** The first day of this month to tomorrow. */
  monthToDate: CostPeriod;
  /**
   * The same days of the previous month: its first day to the same day of the month,
   * inclusive, clamped to its length (31 March compares with the whole of February).
   */
  previousMonthSamePeriod: CostPeriod;
  /** Today to the first day of next month: what GetCostForecast predicts. */
  forecast: CostPeriod;
}

export function costPeriods(now: Date, months: number): CostPeriods {
  if (Number.isNaN(now.getTime())) {
    throw new Error('Cannot compute cost periods of an invalid date');
  }
  checkMonths(months, months);
  const today = isoDay(now.getTime());
  const tomorrow = addDays(today, 1);
  const monthStart = firstOfMonth(today);
  const previousMonthStart = firstOfMonth(today, -1);
  const sameDay = Math.min(
    Number(today.slice(8, 10)),
    daysInMonth(previousMonthStart),
  );
  return {
    month: monthOf(today),
    today,
    range: { start: firstOfMonth(today, -(months - 1)), end: tomorrow },
    monthToDate: { start: monthStart, end: tomorrow },
    previousMonthSamePeriod: {
      start: previousMonthStart,
      end: addDays(previousMonthStart, sameDay),
    },
    forecast: { start: today, end: firstOfMonth(today, 1) },
  };
}

/** Throws an Error naming `months` unless it is a whole number from 1 to 13. */
function checkMonths(months: number, given: unknown): number {
  if (
    !Number.isInteger(months) ||
    months < 1 ||
    months > MAX_COST_RANGE_MONTHS
  ) {
    throw new Error(
      `months must be a whole number from 1 to ${MAX_COST_RANGE_MONTHS}, got ${JSON.stringify(
        given,
      )}`,
    );
  }
  return months;
}

/**
 * The `months` query parameter: a number or a string of digits (as a query string
 * gives it), 1 to 13; undefined means the default of 3.
 */
export function parseCostRangeMonths(value: unknown): number {
  if (value === undefined) return DEFAULT_COST_RANGE_MONTHS;
  let months = NaN;
  if (typeof value === 'number') months = value;
  if (typeof value === 'string' && /^\d{1,3}$/.test(value)) {
    months = Number(value);
  }
  return checkMonths(months, value);
}

/** The `metric` query parameter: one of COST_METRICS, `defaultMetric` when undefined. */
export function parseCostMetric(
  value: unknown,
  defaultMetric: CostMetric,
): CostMetric {
  if (value === undefined) return defaultMetric;
  if (
    typeof value === 'string' &&
    (COST_METRICS as readonly string[]).includes(value)
  ) {
    return value as CostMetric;
  }
  throw new Error(
    `metric must be one of ${COST_METRICS.join(', ')}, got ${JSON.stringify(
      value,
    )}`,
  );
}
