/**
 * Daily and monthly cost series from GetCostAndUsage results grouped by SERVICE. The
 * backend concatenates the `ResultsByTime` of every page: a day whose groups did not fit
 * on one page appears again, under the same TimePeriod, at the start of the next.
 */
import { costGroups } from './costExplorer';
import { addDays, compareText, firstOfMonth, isWithin, monthOf } from './dates';
import {
  CostMetric,
  CostPeriod,
  CostResultByTime,
  DailyCost,
  MonthlyCost,
} from './types';

/** Results whose TimePeriod starts within `period`. */
export function resultsWithin(
  results: CostResultByTime[],
  period: CostPeriod,
): CostResultByTime[] {
  return results.filter(result =>
    isWithin(result.TimePeriod?.Start ?? '', period),
  );
}

function addTo(map: Map<string, number>, key: string, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}

/**
 * One entry per day, oldest first; the SERVICE group key (the first) names the service.
 * An ungrouped result counts in its day's total only.
 */
export function dailyCostsByService(
  results: CostResultByTime[],
  metric: CostMetric,
): DailyCost[] {
  const days = new Map<
    string,
    { total: number; byService: Map<string, number>; estimated: boolean }
  >();
  for (const result of results) {
    const date = result.TimePeriod?.Start;
    if (!date) throw new Error('Cost Explorer result without a TimePeriod');
    const day = days.get(date) ?? {
      total: 0,
      byService: new Map<string, number>(),
      estimated: false,
    };
    for (const group of costGroups(result, metric)) {
      day.total += group.amount;
      if (group.keys.length) addTo(day.byService, group.keys[0], group.amount);
    }
    day.estimated = day.estimated || result.Estimated === true;
    days.set(date, day);
  }
  return [...days.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([date, day]) => ({
      date,
      total: day.total,
      byService: Object.fromEntries(day.byService),
      estimated: day.estimated,
    }));
}

/** Sum of the daily totals within `period`. */
export function totalWithin(daily: DailyCost[], period: CostPeriod): number {
  return daily
    .filter(day => isWithin(day.date, period))
    .reduce((sum, day) => sum + day.total, 0);
}

/**
 * Every calendar month the range touches, oldest first, zero when no day of it cost
 * anything. A month is complete when the range covers all of it and it ended by today.
 */
export function monthlyCosts(
  daily: DailyCost[],
  range: CostPeriod,
  today: string,
): MonthlyCost[] {
  const months: MonthlyCost[] = [];
  const lastDay = addDays(range.end, -1);
  for (
    let start = firstOfMonth(range.start);
    start <= lastDay;
    start = firstOfMonth(start, 1)
  ) {
    const end = firstOfMonth(start, 1);
    const byService = new Map<string, number>();
    let total = 0;
    let estimated = false;
    for (const day of daily) {
      if (monthOf(day.date) !== monthOf(start) || !isWithin(day.date, range)) {
        continue;
      }
      total += day.total;
      estimated = estimated || day.estimated;
      for (const [service, amount] of Object.entries(day.byService)) {
        addTo(byService, service, amount);
      }
    }
    months.push({
      month: monthOf(start),
      total,
      byService: Object.fromEntries(byService),
      estimated,
      complete: range.start <= start && end <= range.end && end <= today,
    });
  }
  return months;
}

/** Service names by their total over the days, largest first (ties by name). */
export function servicesByTotal(daily: DailyCost[]): string[] {
  const totals = new Map<string, number>();
  for (const day of daily) {
    for (const [service, amount] of Object.entries(day.byService)) {
      addTo(totals, service, amount);
    }
  }
  return [...totals.entries()]
    .sort(([a, x], [b, y]) => y - x || compareText(a, b))
    .map(([service]) => service);
}

/**
 * The latest day Cost Explorer reports as final with no estimated day before it: the day
 * before the first estimated day (in date order), the last day when none is estimated,
 * and undefined when the first day already is. An estimate in the middle of the range
 * (AWS re-opening a day) ends the complete part there, so everything up to the answer
 * is final.
 */
export function lastCompleteDay(daily: DailyCost[]): string | undefined {
  let last: string | undefined;
  for (const day of [...daily].sort((a, b) => compareText(a.date, b.date))) {
    if (day.estimated) break;
    last = day.date;
  }
  return last;
}
