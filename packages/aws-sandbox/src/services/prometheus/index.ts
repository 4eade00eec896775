/**
 * A Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`) over synthetic,
 * deterministic DPJ request history for every cluster of the inventory. The query shapes
 * it answers are listed in README.md.
 */
import type { InventoryReader } from '../../core/inventory';
import {
  HttpService,
  jsonResponse,
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
} from '../../core/types';
import { QueryEvaluator, Sample } from './evaluator';
import {
  parseDuration,
  parseQuery,
  UnsupportedQueryError,
} from './queryParser';
import { clusterHistories } from './seriesHistory';

export interface PrometheusServiceOptions {
  /** Epoch milliseconds of "now": the default query time and the end of all history. */
  now?: () => number;
}

/** Prometheus refuses ranges with more points than this per series. */
const MAX_POINTS_PER_SERIES = 11_000;

class BadDataError extends Error {}

function badData(message: string): SandboxResponse {
  return jsonResponse(400, {
    status: 'error',
    errorType: 'bad_data',
    error: message,
  });
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64), as Prometheus renders sample values. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const text = String(value);
  if (!text.includes('e')) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

function parameters(request: SandboxRequest): URLSearchParams {
  const merged = new URLSearchParams(request.query);
  const contentType = String(request.headers['content-type'] ?? '');
  if (
    request.method === 'POST' &&
    contentType.includes('application/x-www-form-urlencoded')
  ) {
    for (const [key, value] of new URLSearchParams(request.body)) {
      merged.append(key, value);
    }
  }
  return merged;
}

function parseTimestamp(name: string, raw: string | null): number {
  const text = raw ?? '';
  const seconds = Number(text);
  if (text.trim() !== '' && Number.isFinite(seconds)) return seconds;
  const millis = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(millis)) {
    return millis / 1000;
  }
  throw new BadDataError(
    `invalid parameter "${name}": cannot parse "${text}" to a valid timestamp`,
  );
}

function parseStep(raw: string | null): number {
  const text = raw ?? '';
  const seconds = Number(text);
  if (text.trim() !== '' && Number.isFinite(seconds)) return seconds;
  const duration = parseDuration(text);
  if (duration !== undefined) return duration;
  throw new BadDataError(
    `invalid parameter "step": cannot parse "${text}" to a valid duration`,
  );
}

function parse(text: string | null) {
  try {
    return parseQuery(text ?? '');
  } catch (error) {
    if (error instanceof UnsupportedQueryError) {
      throw new BadDataError(`invalid parameter "query": ${error.message}`);
    }
    throw error;
  }
}

const byLabels = (a: { metric: object }, b: { metric: object }) =>
  JSON.stringify(a.metric).localeCompare(JSON.stringify(b.metric));

export function createPrometheusService(
  inventory: InventoryReader,
  options: PrometheusServiceOptions = {},
): HttpService {
  const evaluator = new QueryEvaluator();

  function instantQuery(params: URLSearchParams, nowMillis: number) {
    const query = parse(params.get('query'));
    const time = params.has('time')
      ? parseTimestamp('time', params.get('time'))
      : nowMillis / 1000;
    const histories = clusterHistories(inventory.clusters(), nowMillis);
    const result = evaluator
      .evaluate(query, histories, time)
      .sort(byLabels)
      .map(sample => ({
        metric: sample.metric,
        value: [time, formatSampleValue(sample.value)],
      }));
    return { resultType: 'vector', result };
  }

  function rangeQuery(params: URLSearchParams, nowMillis: number) {
    const start = parseTimestamp('start', params.get('start'));
    const end = parseTimestamp('end', params.get('end'));
    const step = parseStep(params.get('step'));
    if (end < start) {
      throw new BadDataError('end timestamp must not be before start time');
    }
    if (step <= 0) {
      throw new BadDataError(
        'zero or negative query resolution step widths are not accepted. Try a positive integer',
      );
    }
    if ((end - start) / step > MAX_POINTS_PER_SERIES) {
      throw new BadDataError(
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      );
    }
    const query = parse(params.get('query'));
    const histories = clusterHistories(inventory.clusters(), nowMillis);
    const series = new Map<
      string,
      { metric: Sample['metric']; values: [number, string][] }
    >();
    for (let index = 0; start + index * step <= end; index += 1) {
      const time = start + index * step;
      for (const sample of evaluator.evaluate(query, histories, time)) {
        const key = JSON.stringify(sample.metric);
        const entry = series.get(key) ?? { metric: sample.metric, values: [] };
        entry.values.push([time, formatSampleValue(sample.value)]);
        series.set(key, entry);
      }
    }
    return {
      resultType: 'matrix',
      result: [...series.values()].sort(byLabels),
    };
  }

  return {
    name: 'prometheus',
    prefix: '/prometheus',
    handle(request: SandboxRequest, context: SandboxContext): SandboxResponse {
      const nowMillis = options.now?.() ?? context.clock.nowMillis();
      const routes: Record<
        string,
        (params: URLSearchParams, nowMillis: number) => object
      > = {
        '/api/v1/query': instantQuery,
        '/api/v1/query_range': rangeQuery,
      };
      const route = routes[request.path];
      if (!route) {
        return {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: '404 page not found\n',
        };
      }
      if (request.method !== 'GET' && request.method !== 'POST') {
        return {
          status: 405,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'Method Not Allowed\n',
        };
      }
      try {
        const data = route(parameters(request), nowMillis);
        return jsonResponse(200, { status: 'success', data });
      } catch (error) {
        if (error instanceof BadDataError) return badData(error.message);
        throw error;
      }
    },
  };
}
