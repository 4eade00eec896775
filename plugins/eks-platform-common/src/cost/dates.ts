/**
 * UTC calendar days as Cost Explorer writes them ("YYYY-MM-DD"), for the cost maths
 * only. ISO days compare correctly as strings, so periods are checked with `<`.
 */
import { CostPeriod } from './types';

const DAY_MS = 86_400_000;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `days` after (or before) an ISO day. */
export function addDays(day: string, days: number): string {
  return isoDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** First day of the month `offset` months after the one of `day`: Date.UTC rolls years over. */
export function firstOfMonth(day: string, offset = 0): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  return isoDay(Date.UTC(year, month + offset, 1));
}

export function daysInMonth(day: string): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY-MM of an ISO day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** `day` falls in `[period.start, period.end)`. */
export function isWithin(day: string, period: CostPeriod): boolean {
  return period.start <= day && day < period.end;
}

/** Code-point order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
