/**
 * The SLO report of one entity, computed from the six query results of `planSloQueries`.
 */
import {
  addCounts,
  EventCounts,
  minimumEventsToJudge,
  NO_EVENTS,
  normaliseCounts,
  windowCompliance,
  WindowCompliance,
} from './budget';
import { BurnDownPoint, budgetBurnDown } from './burnDown';
import { BurnRateTier, burnRateTiers, firingAlert } from './burnRates';
import { SloDefinition } from './definition';
import {
  HISTORY_MONTHS,
  ROLLING_WINDOW_SECONDS,
  SECONDS_PER_DAY,
  SECONDS_PER_MINUTE,
  SloEventKind,
  SloQueryId,
  SloQueryWindow,
  startOfUtcDay,
  startOfUtcMonth,
} from './queries';

/** One query's answer, summed over the series Prometheus returned. */
export type SloQueryResult =
  | { kind: 'instant'; value: number | null }
  | { kind: 'range'; points: Array<[number, number]> };

export type SloQueryResults = Partial<Record<SloQueryId, SloQueryResult>>;

export interface DailyAttainment {
  /** YYYY-MM-DD (UTC). */
  date: string;
  good: number;
  total: number;
  attainmentPercent: number | null;
  status: WindowCompliance['status'];
}

export type MonthlyStatus =
  | 'pass'
  | 'fail'
  | 'in-progress'
  | 'no-data'
  | 'low-traffic';

export interface MonthlyCompliance extends WindowCompliance {
  /** YYYY-MM. */
  month: string;
  monthlyStatus: MonthlyStatus;
  /** Days of the month (elapsed so far) with events, out of `daysExpected`. */
  daysWithData: number;
  daysExpected: number;
}

export type SloFlag =
  | 'no-data'
  | 'low-traffic'
  | 'partial-data'
  | 'budget-exhausted';

export interface SloReport {
  definition: SloDefinition;
  /** ISO time the report stands at. */
  evaluatedAt: string;
  rolling30d: WindowCompliance;
  calendarMonth: MonthlyCompliance;
  burnRates: BurnRateTier[];
  /** The most urgent alert that would fire now. */
  firingAlert: BurnRateTier | null;
  daily: DailyAttainment[];
  burnDown: BurnDownPoint[];
  /** When the rolling budget ran out, if it did (day granularity). */
  budgetExhaustedAt: string | null;
  /** The current month first. */
  monthly: MonthlyCompliance[];
  flags: SloFlag[];
  /** Events needed in a window to judge it. */
  minimumEvents: number;
}

type CountSeries = Map<number, EventCounts>;

/** Which of good/bad the SLI measures (total is always there). */
function partialKind(definition: SloDefinition): 'good' | 'bad' {
  return definition.sli.kind === 'ratio' && 'bad' in definition.sli
    ? 'bad'
    : 'good';
}

function toCounts(
  part: number,
  total: number,
  kind: 'good' | 'bad',
): EventCounts {
  return normaliseCounts({
    good: kind === 'good' ? part : total - part,
    total,
  });
}

function instantCounts(
  results: SloQueryResults,
  kind: 'good' | 'bad',
): EventCounts | null {
  const total = value(results['rolling.total']);
  if (total === null) return null;
  // No bad (or good) series in the window means none of those events happened.
  return toCounts(value(results[`rolling.${kind}`]) ?? 0, total, kind);
}

function value(result: SloQueryResult | undefined): number | null {
  return result?.kind === 'instant' ? result.value : null;
}

function rangeCounts(
  results: SloQueryResults,
  window: SloQueryWindow,
  kind: 'good' | 'bad',
): CountSeries {
  const points = (id: SloQueryId) => {
    const result = results[id];
    return new Map(result?.kind === 'range' ? result.points : []);
  };
  const totals = points(`${window}.total` as SloQueryId);
  const parts = points(
    `${window}.${kind}` as `${SloQueryWindow}.${SloEventKind}`,
  );
  const series: CountSeries = new Map();
  for (const [time, total] of totals) {
    series.set(time, toCounts(parts.get(time) ?? 0, total, kind));
  }
  return series;
}

function sumWhere(
  series: CountSeries,
  keep: (time: number) => boolean,
): EventCounts {
  let sum = NO_EVENTS;
  for (const [time, counts] of series)
    if (keep(time)) sum = addCounts(sum, counts);
  return sum;
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Computes the whole report; pure, so every figure is unit tested here. */
export function computeSloReport(
  definition: SloDefinition,
  evaluatedAt: number,
  results: SloQueryResults,
): SloReport {
  const { objectivePercent } = definition;
  const sliKind = definition.sli.kind;
  const kind = partialKind(definition);
  const today = startOfUtcDay(evaluatedAt);
  // Daily points end at midnight: the point at t is the day starting at t - 1d.
  const days = new Map<number, EventCounts>();
  for (const [end, counts] of rangeCounts(results, 'daily', kind)) {
    days.set(end - SECONDS_PER_DAY, counts);
  }
  const recent = rangeCounts(results, 'recent', kind);
  const todaySoFar = sumWhere(recent, end => end > today);
  if (recent.size > 0 && todaySoFar.total > 0) days.set(today, todaySoFar);

  const windowStart = evaluatedAt - ROLLING_WINDOW_SECONDS;
  const rollingCounts = instantCounts(results, kind);
  const rolling30d = windowCompliance(rollingCounts, {
    objectivePercent,
    sliKind,
    windowMinutes: ROLLING_WINDOW_SECONDS / SECONDS_PER_MINUTE,
    elapsedMinutes: ROLLING_WINDOW_SECONDS / SECONDS_PER_MINUTE,
  });

  const monthly: MonthlyCompliance[] = [];
  for (let offset = 0; offset < HISTORY_MONTHS; offset++) {
    const start = startOfUtcMonth(evaluatedAt, -offset);
    const end = startOfUtcMonth(evaluatedAt, -offset + 1);
    const current = offset === 0;
    const elapsedEnd = current ? evaluatedAt : end;
    const inMonth = [...days].filter(([day]) => day >= start && day < end);
    const counts = inMonth.reduce((sum, [, c]) => addCounts(sum, c), NO_EVENTS);
    const compliance = windowCompliance(inMonth.length ? counts : null, {
      objectivePercent,
      sliKind,
      windowMinutes: (end - start) / SECONDS_PER_MINUTE,
      elapsedMinutes: (elapsedEnd - start) / SECONDS_PER_MINUTE,
    });
    let monthlyStatus: MonthlyStatus;
    if (compliance.status === 'no-data' || compliance.status === 'low-traffic')
      monthlyStatus = compliance.status;
    else if (current) monthlyStatus = 'in-progress';
    else monthlyStatus = compliance.status === 'met' ? 'pass' : 'fail';
    monthly.push({
      ...compliance,
      month: isoDate(start).slice(0, 7),
      monthlyStatus,
      daysWithData: inMonth.filter(([, c]) => c.total > 0).length,
      daysExpected: Math.ceil((elapsedEnd - start) / SECONDS_PER_DAY),
    });
  }

  const daily: DailyAttainment[] = [];
  for (
    let day = startOfUtcDay(windowStart);
    day <= today;
    day += SECONDS_PER_DAY
  ) {
    const counts = days.get(day) ?? null;
    const compliance = windowCompliance(counts, {
      objectivePercent,
      sliKind,
      windowMinutes: SECONDS_PER_DAY / SECONDS_PER_MINUTE,
      elapsedMinutes: SECONDS_PER_DAY / SECONDS_PER_MINUTE,
    });
    daily.push({
      date: isoDate(day),
      good: compliance.good,
      total: compliance.total,
      attainmentPercent: compliance.attainmentPercent,
      status: compliance.status,
    });
  }

  const { burnDown, exhaustedAt } = budgetBurnDown(
    rolling30d,
    rollingCounts,
    days,
    windowStart,
    evaluatedAt,
  );

  const countsOver = (minutes: number) =>
    sumWhere(recent, end => end > evaluatedAt - minutes * SECONDS_PER_MINUTE);
  const tiers = burnRateTiers(
    countsOver,
    objectivePercent,
    rolling30d.budgetRemainingPercent,
  );

  const flags: SloFlag[] = [];
  if (rolling30d.status === 'no-data') flags.push('no-data');
  if (rolling30d.status === 'low-traffic') flags.push('low-traffic');
  if (
    rolling30d.status !== 'no-data' &&
    daily.some(day => day.status === 'no-data')
  )
    flags.push('partial-data');
  if ((rolling30d.budgetRemainingPercent ?? 1) <= 0)
    flags.push('budget-exhausted');

  return {
    definition,
    evaluatedAt: new Date(evaluatedAt * 1000).toISOString(),
    rolling30d,
    calendarMonth: monthly[0],
    burnRates: tiers,
    firingAlert: firingAlert(tiers),
    daily,
    burnDown,
    budgetExhaustedAt: exhaustedAt,
    monthly,
    flags,
    minimumEvents: minimumEventsToJudge(objectivePercent),
  };
}
