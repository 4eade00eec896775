/** The error budget burn-down of the rolling window, for the chart against the ideal line. */
import { EventCounts, WindowCompliance } from './budget';
import {
  ROLLING_WINDOW_SECONDS,
  SECONDS_PER_DAY,
  startOfUtcDay,
} from './queries';

export interface BurnDownPoint {
  /** ISO time. */
  time: string;
  /** Budget left of the rolling window, in percent. */
  remainingPercent: number;
  /** Straight line from 100% at the window start to 0% at its end. */
  idealPercent: number;
}

/**
 * Budget left of the rolling window at its start, at each midnight inside it and now.
 * Bad events before a midnight = the window's bad events minus those after it, so the
 * last point is the exact rolling figure and the first partial day needs no extra query.
 */
export function budgetBurnDown(
  rolling: WindowCompliance,
  rollingCounts: EventCounts | null,
  days: Map<number, EventCounts>,
  windowStart: number,
  evaluatedAt: number,
): { burnDown: BurnDownPoint[]; exhaustedAt: string | null } {
  if (!rollingCounts || rolling.allowedBadEvents === null)
    return { burnDown: [], exhaustedAt: null };
  const allowed = rolling.allowedBadEvents;
  const times = [windowStart];
  for (
    let midnight = startOfUtcDay(windowStart) + SECONDS_PER_DAY;
    midnight < evaluatedAt;
    midnight += SECONDS_PER_DAY
  )
    times.push(midnight);
  times.push(evaluatedAt);

  let exhaustedAt: string | null = null;
  const burnDown = times.map(time => {
    const badAfter = time === windowStart ? rolling.bad : badSince(days, time);
    const badSoFar = Math.min(rolling.bad, Math.max(0, rolling.bad - badAfter));
    const remaining =
      time === evaluatedAt
        ? rolling.budgetRemainingPercent ?? 0
        : (1 - badSoFar / allowed) * 100;
    if (exhaustedAt === null && remaining <= 0 && time !== windowStart)
      exhaustedAt = new Date(time * 1000).toISOString();
    return {
      time: new Date(time * 1000).toISOString(),
      remainingPercent: time === windowStart ? 100 : remaining,
      idealPercent: (1 - (time - windowStart) / ROLLING_WINDOW_SECONDS) * 100,
    };
  });
  return { burnDown, exhaustedAt };
}

/** Bad events from `midnight` on (days are whole UTC days; today is partial). */
function badSince(days: Map<number, EventCounts>, midnight: number): number {
  let bad = 0;
  for (const [day, counts] of days)
    if (day >= midnight) bad += counts.total - counts.good;
  return bad;
}
