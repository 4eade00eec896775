/** UTC calendar days as Cost Explorer uses them: "YYYY-MM-DD" strings. */

export const DAY_MS = 24 * 3600 * 1000;
export const HOUR_MS = 3600 * 1000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch milliseconds of 00:00 UTC of a day, or undefined when not a real YYYY-MM-DD date. */
export function parseDay(day: string | undefined): number | undefined {
  const match = DAY_PATTERN.exec(day ?? '');
  if (!match) return undefined;
  const [, year, month, date] = match.map(Number);
  const ms = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 2026-02-31 over to March: refuse it like AWS does.
  return formatDay(ms) === day ? ms : undefined;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function addDays(day: string, days: number): string {
  return formatDay((parseDay(day) as number) + days * DAY_MS);
}

export function startOfMonth(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}

/** Hours in the calendar month of a day: 744 for January, 672 for a common February. */
export function hoursInMonthOf(ms: number): number {
  const start = startOfMonth(ms);
  return (addMonths(start, 1) - start) / HOUR_MS;
}

/** Every day from start (inclusive) to end (exclusive). */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  const endMs = parseDay(end) as number;
  for (let ms = parseDay(start) as number; ms < endMs; ms += DAY_MS) {
    days.push(formatDay(ms));
  }
  return days;
}

export interface Period {
  Start: string;
  End: string;
}

/** Splits [start, end) into days, or into calendar months clipped to the interval. */
export function splitPeriods(
  start: string,
  end: string,
  granularity: 'DAILY' | 'MONTHLY',
): Period[] {
  if (granularity === 'DAILY') {
    return daysBetween(start, end).map(day => ({
      Start: day,
      End: addDays(day, 1),
    }));
  }
  const periods: Period[] = [];
  const endMs = parseDay(end) as number;
  let cursor = parseDay(start) as number;
  while (cursor < endMs) {
    const next = Math.min(addMonths(cursor, 1), endMs);
    periods.push({ Start: formatDay(cursor), End: formatDay(next) });
    cursor = next;
  }
  return periods;
}
