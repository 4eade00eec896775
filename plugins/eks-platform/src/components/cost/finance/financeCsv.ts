/**
 * The CSV export of the finance table: its rows in report order and a totals line, with
 * amounts rounded to cents as on screen, without thousands separators.
 */
import { FinanceCostReport } from '@internal/plugin-eks-platform-common';
import { csvSections } from '../../shared/csv';
import {
  BUDGET_STATUS_LABELS,
  DASH,
  formatChange,
  formatPercent,
  metricLabel,
  roundAmount,
} from '../format';
import { financeRows } from './financeRows';

const amount = (value: number | undefined) =>
  value === undefined ? DASH : roundAmount(value);
const text = (value: string | undefined) => value ?? '';
/** Empty when the environment has no such figure. */
function yesNo(value: boolean | undefined): string {
  if (value === undefined) return '';
  return value ? 'yes' : 'no';
}

export function financeCostCsv(report: FinanceCostReport): string {
  const { totals } = report;
  return csvSections([
    [
      ['month', report.month],
      ['metric', metricLabel(report.metric)],
      ['currency', report.currency],
      ['generated at', report.generatedAt],
    ],
    [
      [
        'cluster',
        'entity',
        'environment',
        'account',
        'month to date',
        'forecast mean',
        'forecast lower',
        'forecast upper',
        'forecast interval level',
        'projected month total',
        'budget',
        '% of budget',
        'budget status',
        'month-over-month change',
        'growth alert',
        'last complete day',
        'estimated',
        'error',
      ],
      ...financeRows(report).map(row => [
        row.title,
        row.id,
        text(row.environment),
        text(row.accountId),
        amount(row.monthToDate),
        amount(row.forecast?.mean),
        amount(row.forecast?.lower),
        amount(row.forecast?.upper),
        row.forecast ? `${row.forecast.predictionIntervalLevel}%` : DASH,
        amount(row.projected),
        amount(row.budget),
        formatPercent(row.budgetPercent),
        row.status ? BUDGET_STATUS_LABELS[row.status] : DASH,
        formatChange(row.changePercent),
        yesNo(row.thresholdPercent === undefined ? undefined : row.growthAlert),
        text(row.lastCompleteDay),
        yesNo(row.estimated),
        text(row.error),
      ]),
      [
        'total',
        '',
        '',
        '',
        roundAmount(totals.monthToDate),
        '',
        '',
        '',
        '',
        roundAmount(totals.projectedMonthTotal),
        roundAmount(totals.budget),
        '',
        '',
        '',
        '',
        '',
        '',
        `${totals.environmentsWithoutFigures} without figures`,
      ],
    ],
  ]);
}
