/**
 * How cost figures are written, shared by the tab, the card, the finance page and the
 * CSV exports: every amount is rounded once, here, so a file holds what the screen shows.
 */
import {
  BudgetStatus,
  CostMetric,
  CurrencyConversion,
  MonthOverMonthChange,
  MonthToDateCost,
} from '@internal/plugin-eks-platform-common';

export const DASH = '—';

/** An amount rounded to cents, without grouping: "1234.56" (the CSV form). */
export function roundAmount(amount: number): string {
  const fixed = amount.toFixed(2);
  return fixed === '-0.00' ? '0.00' : fixed;
}

/** An amount with grouping: "1,234.56". Same rounding as `roundAmount`. */
export function formatAmount(amount: number): string {
  const [integer, cents] = roundAmount(amount).split('.');
  return `${integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** An amount as displayed: "1,234.56 USD". */
export function formatMoney(amount: number, currency: string): string {
  return `${formatAmount(amount)} ${currency}`;
}

export function formatOptionalMoney(
  amount: number | undefined,
  currency: string,
): string {
  return amount === undefined ? DASH : formatMoney(amount, currency);
}

/** "12.3%" */
export function formatPercent(percent: number | undefined): string {
  return percent === undefined ? DASH : `${percent.toFixed(1)}%`;
}

/** A share 0..1 as "12.3%". */
export function formatShare(share: number): string {
  return formatPercent(share * 100);
}

/** "+22.9%", "-4.2%"; a dash when the previous period cost nothing. */
export function formatChange(percent: number | undefined): string {
  if (percent === undefined) return DASH;
  const text = formatPercent(percent);
  return percent > 0 && text !== '0.0%' ? `+${text}` : text;
}

/** "1,250.50 USD (1,100.00–1,400.75 USD, 80% interval)", or a dash without forecast. */
export function formatForecast(
  forecast: MonthToDateCost['forecast'],
  currency: string,
): string {
  if (!forecast) return DASH;
  return `${formatMoney(forecast.mean, currency)} (${formatForecastInterval(
    forecast,
    currency,
  )})`;
}

export function formatForecastInterval(
  forecast: NonNullable<MonthToDateCost['forecast']>,
  currency: string,
): string {
  return `${formatAmount(forecast.lower)}–${formatMoney(
    forecast.upper,
    currency,
  )}, ${forecast.predictionIntervalLevel}% interval`;
}

export const BUDGET_STATUS_LABELS: Record<BudgetStatus, string> = {
  under: 'under budget',
  'at-risk': 'at risk',
  over: 'over budget',
  'no-budget': 'no budget',
};

export const BUDGET_STATUS_COLORS: Record<BudgetStatus, string> = {
  under: '#2e7d32',
  'at-risk': '#ed6c02',
  over: '#d32f2f',
  'no-budget': '#757575',
};

/** "+22.9% (threshold 20%)" with the growth alert named when it fires. */
export function formatMonthOverMonth(change: MonthOverMonthChange): string {
  const text = `${formatChange(change.changePercent)} vs same days last month`;
  return change.growthAlert
    ? `${text} (growth alert: above ${change.thresholdPercent}%)`
    : text;
}

/** "Amounts in EUR, converted from USD at 0.92 EUR per USD" */
export function formatCurrencyNote(
  currency: string,
  conversion?: CurrencyConversion,
): string {
  if (!conversion) return `Amounts in ${currency}`;
  return `Amounts in ${conversion.to}, converted from ${conversion.from} at ${conversion.rate} ${conversion.to} per ${conversion.from}`;
}

/** The data-freshness line: honest about which figures are still estimates. */
export function formatFreshness(lastCompleteDay: string | undefined): string {
  return lastCompleteDay
    ? `Last complete day: ${lastCompleteDay}; figures after it are estimated`
    : 'No complete day yet: every figure is estimated';
}

export const METRIC_OPTIONS: Array<{
  metric: CostMetric;
  label: string;
  description: string;
}> = [
  {
    metric: 'UnblendedCost',
    label: 'Unblended',
    description:
      'For engineers: what each day of usage was billed at, upfront commitment fees on the day they are paid.',
  },
  {
    metric: 'AmortizedCost',
    label: 'Amortized',
    description:
      'For finance and budgets: Savings Plan and Reserved Instance fees spread over the days they cover.',
  },
  {
    metric: 'NetAmortizedCost',
    label: 'Net amortized',
    description:
      'For finance: amortized cost after discounts and credits, what the organisation effectively pays.',
  },
];

export function metricLabel(metric: CostMetric): string {
  return METRIC_OPTIONS.find(o => o.metric === metric)?.label ?? metric;
}

/** "complete", "partial", "partial, estimated" */
export function formatMonthState(month: {
  complete: boolean;
  estimated: boolean;
}): string {
  const state = month.complete ? 'complete' : 'partial';
  return month.estimated ? `${state}, estimated` : state;
}

/** "2026-11-01 to 2026-11-20": Cost Explorer periods end the day before `end`. */
export function formatPeriod(period: { start: string; end: string }): string {
  const last = new Date(`${period.end}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return `${period.start} to ${last.toISOString().slice(0, 10)}`;
}
