/**
 * The time series the sandbox's Prometheus holds, and exact sums over their minutes.
 *
 * `http_requests_total` is scraped at every minute boundary: its sample at m × 60 s counts
 * every request of the minutes before m. `probe_success` has one 0/1 sample per minute, at
 * the minute's start. A cluster has samples from its creation to its deletion (or now).
 */
import type { ClusterInventory } from '../../core/inventory';
import {
  environmentOf,
  incidentsInMonthOf,
  minuteTraffic,
  seriesSeed,
  ServiceName,
  SERVICES,
  STATUS_CODES,
  TrafficEnvironment,
} from './trafficModel';

export type Labels = Record<string, string>;

export interface ClusterHistory {
  name: string;
  environment: TrafficEnvironment;
  /** First epoch minute with samples. */
  firstMinute: number;
  /** Epoch minute after the last one with samples. */
  endMinute: number;
}

export interface RequestSeries {
  labels: Labels;
  cluster: ClusterHistory;
  service: ServiceName;
  codeIndex: number;
}

export interface ProbeSeries {
  labels: Labels;
  cluster: ClusterHistory;
}

export const REQUESTS_METRIC = 'http_requests_total';
export const PROBE_METRIC = 'probe_success';

const MINUTES_PER_DAY = 1440;
const MAX_CACHED_DAYS = 2000;

export function clusterHistories(
  clusters: ClusterInventory[],
  nowMillis: number,
): ClusterHistory[] {
  return clusters.map(cluster => ({
    name: cluster.name,
    environment: environmentOf(cluster.name, cluster.tags),
    firstMinute: Math.ceil(cluster.createdAt / 60_000),
    endMinute: Math.floor(
      Math.min(cluster.deletedAt ?? nowMillis, nowMillis) / 60_000,
    ),
  }));
}

export function requestSeries(histories: ClusterHistory[]): RequestSeries[] {
  return histories.flatMap(cluster =>
    SERVICES.flatMap(service =>
      STATUS_CODES.map((code, codeIndex) => ({
        labels: { cluster: cluster.name, namespace: 'dpj', service, code },
        cluster,
        service,
        codeIndex,
      })),
    ),
  );
}

export function probeSeries(histories: ClusterHistory[]): ProbeSeries[] {
  return histories.map(cluster => ({
    labels: { cluster: cluster.name, job: 'blackbox', instance: 'dpj-web' },
    cluster,
  }));
}

/**
 * Per-day prefix sums of one service's requests by code, so a 30-day window costs a few
 * lookups instead of 43,200 minute evaluations. Bounded: oldest days are evicted first.
 */
export class RequestCounter {
  private readonly days = new Map<string, Int32Array>();

  /** Requests of `series` in the minutes [fromMinute, toMinute), clipped to its lifetime. */
  requestsBetween(
    series: RequestSeries,
    fromMinute: number,
    toMinute: number,
  ): number {
    const from = Math.max(fromMinute, series.cluster.firstMinute);
    const to = Math.min(toMinute, series.cluster.endMinute);
    let total = 0;
    for (let minute = from; minute < to; ) {
      const day = Math.floor(minute / MINUTES_PER_DAY);
      const dayStart = day * MINUTES_PER_DAY;
      const until = Math.min(to, dayStart + MINUTES_PER_DAY);
      const prefix = this.dayPrefix(series, day);
      const row = series.codeIndex * (MINUTES_PER_DAY + 1);
      total += prefix[row + until - dayStart] - prefix[row + minute - dayStart];
      minute = until;
    }
    return total;
  }

  private dayPrefix(series: RequestSeries, day: number): Int32Array {
    const key = `${series.cluster.name}|${series.cluster.environment}|${series.service}|${day}`;
    const cached = this.days.get(key);
    if (cached) return cached;
    const width = MINUTES_PER_DAY + 1;
    const prefix = new Int32Array(STATUS_CODES.length * width);
    const seed = seriesSeed(series.cluster.name, series.service);
    for (let offset = 0; offset < MINUTES_PER_DAY; offset += 1) {
      const counts = minuteTraffic(
        series.cluster.environment,
        series.service,
        seed,
        day * MINUTES_PER_DAY + offset,
      );
      for (let code = 0; code < counts.length; code += 1) {
        prefix[code * width + offset + 1] =
          prefix[code * width + offset] + counts[code];
      }
    }
    if (this.days.size >= MAX_CACHED_DAYS) {
      const oldest = this.days.keys().next().value;
      if (oldest !== undefined) this.days.delete(oldest);
    }
    this.days.set(key, prefix);
    return prefix;
  }
}

/** Probe samples with minute in [fromMinute, toMinute), clipped to the cluster's lifetime. */
export function probeSamples(
  series: ProbeSeries,
  fromMinute: number,
  toMinute: number,
): { count: number; sum: number } {
  const from = Math.max(fromMinute, series.cluster.firstMinute);
  const to = Math.min(toMinute, series.cluster.endMinute);
  if (to <= from) return { count: 0, sum: 0 };
  // The probe fails exactly during incidents: count their minutes month by month.
  let failed = 0;
  for (let minute = from; minute < to; minute = nextMonthStart(minute)) {
    for (const incident of incidentsInMonthOf(
      series.cluster.environment,
      minute,
    )) {
      const start = Math.max(from, incident.startMinute);
      const end = Math.min(to, incident.startMinute + incident.durationMinutes);
      failed += Math.max(0, end - start);
    }
  }
  return { count: to - from, sum: to - from - failed };
}

function nextMonthStart(minute: number): number {
  const date = new Date(minute * 60_000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 60_000;
}
