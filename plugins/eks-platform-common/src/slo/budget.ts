/**
 * Attainment and error budget of one window, from its good and total event counts.
 * Events are requests for a ratio SLI and probe samples for a time-based SLI.
 */

export interface EventCounts {
  good: number;
  total: number;
}

export type WindowStatus = 'met' | 'breached' | 'no-data' | 'low-traffic';

export interface WindowCompliance {
  good: number;
  total: number;
  bad: number;
  /** good / total in percent; null without events. */
  attainmentPercent: number | null;
  status: WindowStatus;
  /** Share of the error budget left, in percent (negative once overspent). */
  budgetRemainingPercent: number | null;
  /** Minutes of full outage the objective allows over the whole window. */
  budgetMinutes: number;
  /** Minutes of full outage left (for ratio SLIs: the same share of budgetMinutes). */
  budgetMinutesLeft: number | null;
  /** Bad events the objective allows for the events so far. */
  allowedBadEvents: number | null;
  /** Bad events (requests) that can still fail; null for time-based SLIs. */
  badEventsLeft: number | null;
}

/** Float noise must not turn exactly 99.9% into a breach. */
const EPSILON = 1e-9;

export function errorBudgetRatio(objectivePercent: number): number {
  return 1 - objectivePercent / 100;
}

/**
 * Fewer events than this cannot be judged: one bad event would already exceed the
 * budget (1,000 events at 99.9%).
 */
export function minimumEventsToJudge(objectivePercent: number): number {
  return Math.ceil(1 / errorBudgetRatio(objectivePercent) - EPSILON);
}

/** Clamps extrapolation noise (a real Prometheus) into 0 ≤ good ≤ total. */
export function normaliseCounts(counts: EventCounts): EventCounts {
  const total = Math.max(0, counts.total);
  const good = Math.min(total, Math.max(0, counts.good));
  return { good, total };
}

export function addCounts(a: EventCounts, b: EventCounts): EventCounts {
  return { good: a.good + b.good, total: a.total + b.total };
}

export const NO_EVENTS: EventCounts = { good: 0, total: 0 };

/**
 * Compliance of a window of `windowMinutes`, of which `elapsedMinutes` have passed
 * (less than the window only for the current calendar month).
 */
export function windowCompliance(
  counts: EventCounts | null,
  options: {
    objectivePercent: number;
    sliKind: 'ratio' | 'time';
    windowMinutes: number;
    elapsedMinutes: number;
  },
): WindowCompliance {
  const budgetRatio = errorBudgetRatio(options.objectivePercent);
  const budgetMinutes = budgetRatio * options.windowMinutes;
  const { good, total } = normaliseCounts(counts ?? NO_EVENTS);
  const bad = total - good;
  if (total <= 0) {
    return {
      good,
      total,
      bad,
      attainmentPercent: null,
      status: 'no-data',
      budgetRemainingPercent: null,
      budgetMinutes,
      budgetMinutesLeft: null,
      allowedBadEvents: null,
      badEventsLeft: null,
    };
  }
  const badRatio = bad / total;
  let remaining: number;
  let minutesLeft: number;
  if (options.sliKind === 'time') {
    // Bad samples stand for bad minutes of the time elapsed; the budget is the window's.
    minutesLeft = budgetMinutes - badRatio * options.elapsedMinutes;
    remaining = minutesLeft / budgetMinutes;
  } else {
    remaining = 1 - badRatio / budgetRatio;
    minutesLeft = remaining * budgetMinutes;
  }
  const attainment = good / total;
  let status: WindowStatus =
    attainment + EPSILON >= options.objectivePercent / 100 ? 'met' : 'breached';
  if (total < minimumEventsToJudge(options.objectivePercent)) {
    status = 'low-traffic';
  }
  const allowedBadEvents = budgetRatio * total;
  return {
    good,
    total,
    bad,
    attainmentPercent: attainment * 100,
    status,
    budgetRemainingPercent: cleanZero(remaining * 100),
    budgetMinutes,
    budgetMinutesLeft: cleanZero(minutesLeft),
    allowedBadEvents,
    badEventsLeft:
      options.sliKind === 'ratio' ? cleanZero(allowedBadEvents - bad) : null,
  };
}

/** Exactly-at-objective figures come out as ±1e-13: report them as 0. */
function cleanZero(value: number): number {
  return Math.abs(value) < 1e-7 ? 0 : value;
}
