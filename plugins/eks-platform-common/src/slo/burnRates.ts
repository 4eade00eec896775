/**
 * The SRE workbook's multi-window, multi-burn-rate alerts for a 30-day budget: an alert
 * fires when both its long and its short window burn the budget at least `factor` times
 * faster than the rate that spends it exactly over 30 days.
 */
import { EventCounts, errorBudgetRatio, normaliseCounts } from './budget';

export interface BurnRateTierSpec {
  factor: number;
  longWindowMinutes: number;
  shortWindowMinutes: number;
  severity: 'page' | 'ticket';
}

export const BURN_RATE_TIERS: readonly BurnRateTierSpec[] = [
  {
    factor: 14.4,
    longWindowMinutes: 60,
    shortWindowMinutes: 5,
    severity: 'page',
  },
  {
    factor: 6,
    longWindowMinutes: 360,
    shortWindowMinutes: 30,
    severity: 'page',
  },
  {
    factor: 3,
    longWindowMinutes: 1440,
    shortWindowMinutes: 120,
    severity: 'ticket',
  },
  {
    factor: 1,
    longWindowMinutes: 4320,
    shortWindowMinutes: 360,
    severity: 'ticket',
  },
];

export interface BurnRateTier extends BurnRateTierSpec {
  /** Burn rate over the long window; null without events. */
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
  /** Share of the 30-day budget this alert lets burn before firing, in percent. */
  budgetConsumedAtThresholdPercent: number;
  /** Hours until the rolling budget is spent at the long window's burn; null if not burning. */
  hoursToExhaustion: number | null;
}

const BUDGET_WINDOW_HOURS = 30 * 24;

/** Burn rate of counts: their bad ratio over the ratio the objective allows. */
export function burnRate(
  counts: EventCounts,
  objectivePercent: number,
): number | null {
  const { good, total } = normaliseCounts(counts);
  if (total <= 0) return null;
  return (total - good) / total / errorBudgetRatio(objectivePercent);
}

/**
 * `countsOver(minutes)` gives the events of the last `minutes`; `budgetRemainingPercent`
 * is the rolling 30-day budget left.
 */
export function burnRateTiers(
  countsOver: (minutes: number) => EventCounts,
  objectivePercent: number,
  budgetRemainingPercent: number | null,
): BurnRateTier[] {
  return BURN_RATE_TIERS.map(spec => {
    const longBurnRate = burnRate(
      countsOver(spec.longWindowMinutes),
      objectivePercent,
    );
    const shortBurnRate = burnRate(
      countsOver(spec.shortWindowMinutes),
      objectivePercent,
    );
    const firing =
      longBurnRate !== null &&
      shortBurnRate !== null &&
      longBurnRate >= spec.factor &&
      shortBurnRate >= spec.factor;
    let hoursToExhaustion: number | null = null;
    if (budgetRemainingPercent !== null && longBurnRate !== null) {
      if (budgetRemainingPercent <= 0) hoursToExhaustion = 0;
      else if (longBurnRate > 0)
        hoursToExhaustion =
          ((budgetRemainingPercent / 100) * BUDGET_WINDOW_HOURS) / longBurnRate;
    }
    return {
      ...spec,
      longBurnRate,
      shortBurnRate,
      firing,
      budgetConsumedAtThresholdPercent:
        ((spec.factor * spec.longWindowMinutes) / (BUDGET_WINDOW_HOURS * 60)) *
        100,
      hoursToExhaustion,
    };
  });
}

/** The most urgent firing alert (tiers are ordered fastest first), if any. */
export function firingAlert(tiers: BurnRateTier[]): BurnRateTier | null {
  return tiers.find(tier => tier.firing) ?? null;
}
