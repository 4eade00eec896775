/**
 * The synthetic request history of the DPJ services, one minute at a time. Everything is
 * a pure function of (cluster name, environment, minute), so the same query always gives
 * the same answer and a test can recompute any figure by summing minutes.
 *
 * Sizing: ADR-0007 asks for 500+ concurrent users. At roughly one request every 2.5 s per
 * active user, production peaks near 200 requests/s (12,000 per minute) in the afternoon
 * (Paris), falls to a tenth of that at night, and runs at 70% on weekends.
 */
import { fractionFromHash, hashString } from './deterministicHash';

export type TrafficEnvironment = 'dev' | 'staging' | 'production' | 'other';

export const SERVICES = ['dpj-api', 'dpj-web'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Status codes of `http_requests_total`, in the order `MinuteTraffic` lists them. */
export const STATUS_CODES = ['200', '201', '404', '500', '503'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** Requests per minute at the daily peak, per service. */
const PEAK_REQUESTS_PER_MINUTE: Record<
  TrafficEnvironment,
  Record<ServiceName, number>
> = {
  production: { 'dpj-api': 9000, 'dpj-web': 3000 },
  staging: { 'dpj-api': 900, 'dpj-web': 300 },
  dev: { 'dpj-api': 240, 'dpj-web': 60 },
  other: { 'dpj-api': 120, 'dpj-web': 30 },
};

/** 5xx share outside incidents: well under the 0.1% a 99.9% objective allows. */
const BASELINE_SERVER_ERROR_RATIO: Record<TrafficEnvironment, number> = {
  production: 0.00015,
  staging: 0.0003,
  dev: 0.0002,
  other: 0.0002,
};

export interface Incident {
  /** Epoch minute of the first affected minute. */
  startMinute: number;
  durationMinutes: number;
  /** Share of requests answered 5xx during the incident. */
  serverErrorRatio: number;
}

const MINUTES_PER_DAY = 1440;

/**
 * Incidents recur every calendar month so that history never changes as time passes:
 * - staging: a 55-minute partial outage on the 1st at 14:00 UTC (a failed deployment at
 *   peak traffic). 55 minutes exceed the 44.6 minutes a 31-day month allows at 99.9%,
 *   so staging is below 99.9% for any month once the incident is over.
 * - production: a 12-minute incident on the 15th at 10:00 UTC, well inside its budget.
 */
export function incidentsInMonthOf(
  environment: TrafficEnvironment,
  minute: number,
): Incident[] {
  const date = new Date(minute * 60_000);
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const at = (day: number, hour: number) =>
    (monthStart + ((day - 1) * 24 + hour) * 3_600_000) / 60_000;
  if (environment === 'staging') {
    return [
      { startMinute: at(1, 14), durationMinutes: 55, serverErrorRatio: 0.9 },
    ];
  }
  if (environment === 'production') {
    return [
      { startMinute: at(15, 10), durationMinutes: 12, serverErrorRatio: 0.3 },
    ];
  }
  return [];
}

/** Incidents by environment and day: minute-by-minute reads would otherwise build Dates. */
const incidentsByDay = new Map<string, Incident[]>();

export function incidentAt(
  environment: TrafficEnvironment,
  minute: number,
): Incident | undefined {
  const key = `${environment}/${Math.floor(minute / MINUTES_PER_DAY)}`;
  let incidents = incidentsByDay.get(key);
  if (!incidents) {
    if (incidentsByDay.size > 10_000) incidentsByDay.clear();
    incidents = incidentsInMonthOf(environment, minute);
    incidentsByDay.set(key, incidents);
  }
  return incidents.find(
    incident =>
      minute >= incident.startMinute &&
      minute < incident.startMinute + incident.durationMinutes,
  );
}

/** 0.1 at 03:00 UTC, 1.0 at 15:00 UTC, smooth in between; 70% on Saturdays and Sundays. */
export function dailyCycle(minute: number): number {
  const minuteOfDay =
    ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const shape =
    0.55 -
    0.45 * Math.cos((2 * Math.PI * (minuteOfDay - 180)) / MINUTES_PER_DAY);
  // 1 January 1970 was a Thursday (day 4 of the week).
  const weekday = (Math.floor(minute / MINUTES_PER_DAY) + 4) % 7;
  return weekday === 0 || weekday === 6 ? shape * 0.7 : shape;
}

/** Requests of one minute by status code, in `STATUS_CODES` order. */
export type MinuteTraffic = [number, number, number, number, number];

/** Draws `expected` to an integer without bias: floor(expected + u), u uniform in [0, 1). */
function draw(expected: number, uniform: number): number {
  return Math.floor(expected + uniform);
}

/**
 * Requests one service of one cluster answered during one minute.
 * `seed` is `seriesSeed(cluster, service)`.
 */
export function minuteTraffic(
  environment: TrafficEnvironment,
  service: ServiceName,
  seed: number,
  minute: number,
): MinuteTraffic {
  const u = (k: number) => fractionFromHash(seed, minute, k);
  const jitter = 0.95 + 0.1 * u(0);
  const total = Math.round(
    PEAK_REQUESTS_PER_MINUTE[environment][service] *
      dailyCycle(minute) *
      jitter,
  );
  const incident = incidentAt(environment, minute);
  const errorRatio =
    incident?.serverErrorRatio ?? BASELINE_SERVER_ERROR_RATIO[environment];
  const serverErrors = Math.min(total, draw(total * errorRatio, u(1)));
  const unavailable = draw(serverErrors * 0.4, u(2));
  const internalErrors = serverErrors - unavailable;
  let rest = total - serverErrors;
  const notFound = Math.min(rest, draw(total * 0.004, u(3)));
  rest -= notFound;
  const created =
    service === 'dpj-api' ? Math.min(rest, draw(total * 0.05, u(4))) : 0;
  rest -= created;
  return [rest, created, notFound, internalErrors, unavailable];
}

/** 1 when the blackbox probe of dpj-web succeeded in that minute, 0 during an incident. */
export function probeSuccess(
  environment: TrafficEnvironment,
  minute: number,
): number {
  return incidentAt(environment, minute) ? 0 : 1;
}

export function seriesSeed(cluster: string, service: string): number {
  return hashString(`${cluster}/${service}`);
}

/** The environment a cluster's traffic follows: its `environment` tag, else its name. */
export function environmentOf(
  clusterName: string,
  tags: Record<string, string>,
): TrafficEnvironment {
  const hint = `${tags.environment ?? ''} ${clusterName}`.toLowerCase();
  if (/\bprod(uction)?\b|-prod\b|-prod-/.test(hint)) return 'production';
  if (hint.includes('staging')) return 'staging';
  if (/\bdev\b|-dev\b|-dev-/.test(hint)) return 'dev';
  return 'other';
}
