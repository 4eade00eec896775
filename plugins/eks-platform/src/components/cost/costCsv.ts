/**
 * The CSV export of a cluster's cost tab: the figures on screen, rounded the same way
 * (cents, see `roundAmount`), without thousands separators so spreadsheets read them
 * as numbers. The currency is named once, in the header.
 */
import { ClusterCostReport } from '@internal/plugin-eks-platform-common';
import { csvSections } from '../shared/csv';
import {
  BUDGET_STATUS_LABELS,
  DASH,
  formatChange,
  formatFreshness,
  formatMonthState,
  formatPercent,
  formatPeriod,
  formatShare,
  metricLabel,
  roundAmount,
} from './format';

const optional = (amount: number | undefined) =>
  amount === undefined ? DASH : roundAmount(amount);

function headerLines(report: ClusterCostReport): string[][] {
  const lines = [
    ['cluster', report.entityRef],
    ['metric', metricLabel(report.metric)],
    ['currency', report.currency],
  ];
  if (report.conversion) {
    const { from, to, rate } = report.conversion;
    lines.push(['converted from', from, 'rate', `${rate} ${to} per ${from}`]);
  }
  lines.push(
    ['range', formatPeriod(report.range)],
    ['data', formatFreshness(report.lastCompleteDay)],
    ['generated at', report.generatedAt],
  );
  return lines;
}

/** Month to date, forecast, budget and the change against last month. */
function summaryLines(report: ClusterCostReport): string[][] {
  const { monthToDate: mtd, monthOverMonth: mom } = report;
  return [
    ['month', mtd.month],
    ['month to date', roundAmount(mtd.amount)],
    ['forecast mean', optional(mtd.forecast?.mean)],
    ['forecast lower', optional(mtd.forecast?.lower)],
    ['forecast upper', optional(mtd.forecast?.upper)],
    [
      'forecast interval level',
      mtd.forecast ? `${mtd.forecast.predictionIntervalLevel}%` : DASH,
    ],
    ['projected month total', roundAmount(mtd.projectedMonthTotal)],
    ['budget', optional(mtd.budget?.amount)],
    ['% of budget', formatPercent(mtd.projectedBudgetPercent)],
    ['budget status', BUDGET_STATUS_LABELS[mtd.status]],
    ['month-over-month change', formatChange(mom.changePercent)],
    ['growth alert', mom.growthAlert ? 'yes' : 'no'],
  ];
}

export function dailyCostLines(report: ClusterCostReport): string[][] {
  return [
    ['date', ...report.services, 'total', 'estimated'],
    ...report.daily.map(day => [
      day.date,
      ...report.services.map(s => roundAmount(day.byService[s] ?? 0)),
      roundAmount(day.total),
      day.estimated ? 'yes' : 'no',
    ]),
  ];
}

export function monthlyCostLines(report: ClusterCostReport): string[][] {
  return [
    ['month', ...report.services, 'total', 'state'],
    ...report.monthly.map(month => [
      month.month,
      ...report.services.map(s => roundAmount(month.byService[s] ?? 0)),
      roundAmount(month.total),
      formatMonthState(month),
    ]),
  ];
}

function breakdownLines(report: ClusterCostReport): string[][][] {
  return report.breakdowns.map(breakdown => [
    ['breakdown', breakdown.title, formatPeriod(breakdown.period)],
    ['item', 'amount', 'share'],
    ...breakdown.items.map(item => [
      item.label,
      roundAmount(item.amount),
      formatShare(item.share),
    ]),
    ['total', roundAmount(breakdown.total), ''],
  ]);
}

function spotLines(report: ClusterCostReport): string[][] {
  const spot = report.spotSavings;
  return [
    ['spot savings', formatPeriod(spot.period)],
    ['spot cost', roundAmount(spot.spotCost)],
    ['spot hours', String(Math.round(spot.spotHours))],
    ['on-demand equivalent', roundAmount(spot.onDemandEquivalent)],
    ['savings', roundAmount(spot.savings)],
    ['savings %', formatPercent(spot.savingsPercent)],
    ['unpriced instance types', spot.unpricedInstanceTypes.join(' ')],
  ];
}

/** Header, summary, daily by service, monthly, each breakdown and spot savings. */
export function clusterCostCsv(report: ClusterCostReport): string {
  return csvSections([
    headerLines(report),
    summaryLines(report),
    dailyCostLines(report),
    monthlyCostLines(report),
    ...breakdownLines(report),
    spotLines(report),
  ]);
}
