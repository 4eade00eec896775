/**
 * Evaluates a parsed query at one instant, exactly (no extrapolation at window edges):
 * - increase(http_requests_total[r]) at t sums the requests of the minutes
 *   [⌊(t − r)/60⌋, ⌊t/60⌋); rate divides that by r in seconds.
 * - *_over_time(probe_success[r]) at t reads the samples of the minutes
 *   (⌊(t − r)/60⌋, ⌊t/60⌋], Prometheus 3's left-open window.
 * A series whose cluster had no sample in the window is absent from the result, and
 * `sum` over no series gives an empty result, as in Prometheus.
 */
import type { LabelMatcher, RangeQuery } from './queryParser';
import {
  ClusterHistory,
  Labels,
  probeSamples,
  probeSeries,
  RequestCounter,
  requestSeries,
} from './seriesHistory';

export interface Sample {
  metric: Labels;
  value: number;
}

function matches(labels: Labels, matcher: LabelMatcher): boolean {
  const actual = labels[matcher.label] ?? '';
  switch (matcher.operator) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
      // PromQL regular expressions are fully anchored.
      return new RegExp(`^(?:${matcher.value})$`).test(actual);
    default:
      return !new RegExp(`^(?:${matcher.value})$`).test(actual);
  }
}

function selected(labels: Labels, matchers: LabelMatcher[]): boolean {
  return matchers.every(matcher => matches(labels, matcher));
}

export class QueryEvaluator {
  private readonly counter = new RequestCounter();

  evaluate(
    query: RangeQuery,
    histories: ClusterHistory[],
    timeSeconds: number,
  ): Sample[] {
    const nowMinute = Math.floor(timeSeconds / 60);
    const startMinute = Math.floor((timeSeconds - query.rangeSeconds) / 60);
    if (query.function === 'increase' || query.function === 'rate') {
      return this.sumRequests(query, histories, startMinute, nowMinute);
    }
    return probeSeries(histories)
      .filter(series => selected(series.labels, query.matchers))
      .flatMap(series => {
        const { count, sum } = probeSamples(
          series,
          startMinute + 1,
          nowMinute + 1,
        );
        if (count === 0) return [];
        const value = {
          avg_over_time: sum / count,
          sum_over_time: sum,
          count_over_time: count,
        }[
          query.function as
            | 'avg_over_time'
            | 'sum_over_time'
            | 'count_over_time'
        ];
        return [{ metric: { ...series.labels }, value }];
      });
  }

  private sumRequests(
    query: RangeQuery,
    histories: ClusterHistory[],
    startMinute: number,
    endMinute: number,
  ): Sample[] {
    const groups = new Map<string, Sample>();
    for (const series of requestSeries(histories)) {
      if (!selected(series.labels, query.matchers)) continue;
      const { firstMinute, endMinute: lastMinute } = series.cluster;
      // Absent when the window holds none of the cluster's scrapes.
      if (lastMinute < startMinute || firstMinute > endMinute) continue;
      const increase = this.counter.requestsBetween(
        series,
        startMinute,
        endMinute,
      );
      const value =
        query.function === 'rate' ? increase / query.rangeSeconds : increase;
      const metric: Labels = {};
      for (const label of query.sumBy ?? []) {
        if (series.labels[label] !== undefined) {
          metric[label] = series.labels[label];
        }
      }
      const key = JSON.stringify(metric);
      const group = groups.get(key);
      if (group) group.value += value;
      else groups.set(key, { metric, value });
    }
    return [...groups.values()];
  }
}
