/**
 * The Prometheus queries behind one SLO report: always six, whatever the history length.
 *
 * | id          | kind    | covers                                            |
 * | ----------- | ------- | ------------------------------------------------- |
 * | rolling.*   | instant | the rolling 30 days ending at the evaluation time |
 * | daily.*     | range   | one point per UTC day, 12 calendar months back    |
 * | recent.*    | range   | one point per 5 minutes over the last 3 days      |
 *
 * each for the two event counts of the SLI (good or bad, and total). Everything else
 * (calendar month, burn rates, budget burn-down, monthly history) is summed from these.
 * The query text comes from a `SloEventQueryBuilder`: swapping `rawEventQueries` for a
 * builder that reads recording rules is the only change needed once GitOps ships them.
 */
import { Sli } from './definition';
import { formatSeriesSelector } from './selector';

export type SloEventKind = 'good' | 'bad' | 'total';

/** Query text per event count; a ratio SLI has `good` or `bad`, a time SLI `good`. */
export type SloEventQueries = Partial<Record<SloEventKind, string>> & {
  total: string;
};

/** Builds the event-count queries of an SLI over a Prometheus range such as `5m`. */
export type SloEventQueryBuilder = (sli: Sli, range: string) => SloEventQueries;

/**
 * Queries on the raw series. Ratio SLIs count requests with `sum(increase(…))`; time
 * SLIs count up samples (`sum_over_time`) over all samples (`count_over_time`), summed
 * over the returned series by the caller.
 */
export const rawEventQueries: SloEventQueryBuilder = (sli, range) => {
  if (sli.kind === 'time') {
    const selector = formatSeriesSelector(sli.uptime);
    return {
      good: `sum_over_time(${selector}[${range}])`,
      total: `count_over_time(${selector}[${range}])`,
    };
  }
  const increase = (selector: Parameters<typeof formatSeriesSelector>[0]) =>
    `sum(increase(${formatSeriesSelector(selector)}[${range}]))`;
  const total = increase(sli.total);
  return 'good' in sli
    ? { good: increase(sli.good), total }
    : { bad: increase(sli.bad), total };
};

export const SECONDS_PER_MINUTE = 60;
export const SECONDS_PER_DAY = 86_400;
export const RECENT_STEP_SECONDS = 300;
export const RECENT_SPAN_SECONDS = 3 * SECONDS_PER_DAY;
export const ROLLING_WINDOW_SECONDS = 30 * SECONDS_PER_DAY;
export const HISTORY_MONTHS = 12;

export type SloQueryWindow = 'rolling' | 'daily' | 'recent';
export type SloQueryId = `${SloQueryWindow}.${SloEventKind}`;

export type PlannedQuery =
  | { id: SloQueryId; kind: 'instant'; query: string; time: number }
  | {
      id: SloQueryId;
      kind: 'range';
      query: string;
      start: number;
      end: number;
      step: number;
    };

export interface SloQueryPlan {
  /** Unix seconds, on a whole minute. */
  evaluatedAt: number;
  queries: PlannedQuery[];
}

/** Unix seconds of 00:00 UTC of the day holding `seconds`. */
export function startOfUtcDay(seconds: number): number {
  return Math.floor(seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

/** Unix seconds of the first day of the UTC month `offset` months from the one holding `seconds`. */
export function startOfUtcMonth(seconds: number, offset = 0): number {
  const date = new Date(seconds * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1) / 1000;
}

/** The six queries of a report evaluated at `now`. */
export function planSloQueries(
  sli: Sli,
  now: Date,
  builder: SloEventQueryBuilder = rawEventQueries,
): SloQueryPlan {
  const evaluatedAt =
    Math.floor(now.getTime() / 1000 / SECONDS_PER_MINUTE) * SECONDS_PER_MINUTE;
  const historyStart = startOfUtcMonth(evaluatedAt, -(HISTORY_MONTHS - 1));
  const today = startOfUtcDay(evaluatedAt);
  const rolling = builder(sli, '30d');
  const daily = builder(sli, '1d');
  const recent = builder(sli, '5m');

  const queries: PlannedQuery[] = [];
  for (const kind of ['good', 'bad', 'total'] as const) {
    const rollingQuery = rolling[kind];
    const dailyQuery = daily[kind];
    const recentQuery = recent[kind];
    if (rollingQuery) {
      queries.push({
        id: `rolling.${kind}`,
        kind: 'instant',
        query: rollingQuery,
        time: evaluatedAt,
      });
    }
    // A daily point at t counts the day (t - 1d, t]: the last one ends at today's midnight.
    if (dailyQuery && today > historyStart) {
      queries.push({
        id: `daily.${kind}`,
        kind: 'range',
        query: dailyQuery,
        start: historyStart + SECONDS_PER_DAY,
        end: today,
        step: SECONDS_PER_DAY,
      });
    }
    if (recentQuery) {
      queries.push({
        id: `recent.${kind}`,
        kind: 'range',
        query: recentQuery,
        start: evaluatedAt - RECENT_SPAN_SECONDS + RECENT_STEP_SECONDS,
        end: evaluatedAt,
        step: RECENT_STEP_SECONDS,
      });
    }
  }
  return { evaluatedAt, queries };
}
