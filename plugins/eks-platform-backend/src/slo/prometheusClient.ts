/**
 * The few Prometheus HTTP API calls an SLO report needs. The base URL comes from
 * configuration only; queries come from `planSloQueries`, never from a request.
 */
import {
  PlannedQuery,
  SloQueryResult,
} from '@internal/plugin-eks-platform-common';

/** Prometheus failed or answered something unusable; the message is safe to show. */
export class PrometheusQueryError extends Error {
  readonly name = 'PrometheusQueryError';
}

type Sample = [number, string];
interface PrometheusAnswer {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{ value?: Sample; values?: Sample[] }>;
  };
}

export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 60_000;

export class PrometheusClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = DEFAULT_PROMETHEUS_TIMEOUT_MS,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Runs one planned query and sums its series. */
  async run(planned: PlannedQuery): Promise<SloQueryResult> {
    const params = new URLSearchParams({ query: planned.query });
    if (planned.kind === 'instant') {
      params.set('time', String(planned.time));
    } else {
      params.set('start', String(planned.start));
      params.set('end', String(planned.end));
      params.set('step', String(planned.step));
    }
    const path = planned.kind === 'instant' ? 'query' : 'query_range';
    const answer = await this.post(`api/v1/${path}`, params);
    const series = answer.data?.result ?? [];
    if (planned.kind === 'instant') {
      if (answer.data?.resultType !== 'vector') {
        throw new PrometheusQueryError(
          `Prometheus answered a ${answer.data?.resultType} where a vector was expected`,
        );
      }
      const values = series
        .map(s => Number(s.value?.[1]))
        .filter(v => Number.isFinite(v));
      return {
        kind: 'instant',
        value: values.length ? values.reduce((a, b) => a + b, 0) : null,
      };
    }
    if (answer.data?.resultType !== 'matrix') {
      throw new PrometheusQueryError(
        `Prometheus answered a ${answer.data?.resultType} where a matrix was expected`,
      );
    }
    const sums = new Map<number, number>();
    for (const s of series) {
      for (const [time, text] of s.values ?? []) {
        const v = Number(text);
        if (Number.isFinite(v)) sums.set(time, (sums.get(time) ?? 0) + v);
      }
    }
    return {
      kind: 'range',
      points: [...sums].sort((a, b) => a[0] - b[0]),
    };
  }

  private async post(
    path: string,
    params: URLSearchParams,
  ): Promise<PrometheusAnswer> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: params.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs / 1000} s`
          : describe(error);
      throw new PrometheusQueryError(`Prometheus is unreachable: ${reason}`);
    }
    const text = await response.text();
    let answer: PrometheusAnswer;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new PrometheusQueryError(
        `Prometheus answered HTTP ${response.status} with a body that is not JSON`,
      );
    }
    if (!response.ok || answer.status !== 'success') {
      throw new PrometheusQueryError(
        `Prometheus answered HTTP ${response.status}${
          answer.errorType ? ` (${answer.errorType})` : ''
        }: ${answer.error ?? 'no error message'}`,
      );
    }
    return answer;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error
    ? `${error.message} (${cause.message})`
    : error.message;
}
