/** The finance table's rows: one flat, sortable record per environment. */
import {
  BudgetStatus,
  FinanceCostReport,
  MonthToDateCost,
} from '@internal/plugin-eks-platform-common';

export interface FinanceRow {
  /** Entity ref, unique per row. */
  id: string;
  title: string;
  environment?: string;
  accountId?: string;
  monthToDate?: number;
  forecast?: MonthToDateCost['forecast'];
  /** Forecast mean: the value the forecast column sorts by. */
  forecastMean?: number;
  projected?: number;
  budget?: number;
  budgetPercent?: number;
  status?: BudgetStatus;
  changePercent?: number;
  growthAlert: boolean;
  thresholdPercent?: number;
  lastCompleteDay?: string;
  estimated?: boolean;
  error?: string;
}

export function financeRows(report: FinanceCostReport): FinanceRow[] {
  return report.environments.map(env => {
    const mtd = env.monthToDate;
    const mom = env.monthOverMonth;
    return {
      id: env.entityRef,
      title: env.title,
      environment: env.environment,
      accountId: env.accountId,
      monthToDate: mtd?.amount,
      forecast: mtd?.forecast,
      forecastMean: mtd?.forecast?.mean,
      projected: mtd?.projectedMonthTotal,
      budget: mtd?.budget?.amount,
      budgetPercent: mtd?.projectedBudgetPercent,
      status: mtd?.status,
      changePercent: mom?.changePercent,
      growthAlert: mom?.growthAlert ?? false,
      thresholdPercent: mom?.thresholdPercent,
      lastCompleteDay: env.lastCompleteDay,
      estimated: env.estimated,
      error: env.error,
    };
  });
}

/** Ascending order with absent figures after every present one (descending puts them first). */
export function compareOptional(
  a: number | string | undefined,
  b: number | string | undefined,
): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
