import { RunningSandbox, startSandbox } from '../../server';
import {
  dpjClusters,
  inventoryOf,
} from '../kubernetes/__testUtils__/dpjInventory';
import { createPrometheusService } from './index';
import {
  minuteTraffic,
  probeSuccess,
  seriesSeed,
  ServiceName,
  SERVICES,
  STATUS_CODES,
  TrafficEnvironment,
} from './trafficModel';

// Wednesday 18 November 2026, 12:00 UTC: the month so far holds staging's incident of the 1st.
const NOW = Date.UTC(2026, 10, 18, 12, 0, 0);
const nowSeconds = NOW / 1000;
const MONTH_START = Date.UTC(2026, 10, 1) / 1000;

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Requests the model gives for minutes [from, to), by code, for one cluster. */
function recount(
  cluster: string,
  environment: TrafficEnvironment,
  fromMinute: number,
  toMinute: number,
  services: readonly ServiceName[] = SERVICES,
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const service of services) {
    const seed = seriesSeed(cluster, service);
    for (let minute = fromMinute; minute < toMinute; minute += 1) {
      minuteTraffic(environment, service, seed, minute).forEach((count, i) => {
        totals[STATUS_CODES[i]] = (totals[STATUS_CODES[i]] ?? 0) + count;
      });
    }
  }
  return totals;
}

const sumOf = (totals: Record<string, number>, codes: RegExp) =>
  Object.entries(totals)
    .filter(([code]) => codes.test(code))
    .reduce((sum, [, count]) => sum + count, 0);

describe('aws-sandbox Prometheus', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      httpServices: [
        createPrometheusService(inventoryOf(dpjClusters(NOW)), {
          now: () => NOW,
        }),
      ],
      timeScale: 0.001,
    });
  });
  afterAll(() => sandbox.close());

  async function get(path: string, params: Record<string, string>) {
    const response = await fetch(
      `${sandbox.url}/prometheus${path}?${new URLSearchParams(params)}`,
    );
    return { status: response.status, body: await response.json() };
  }

  async function instant(query: string, time = nowSeconds) {
    const { status, body } = await get('/api/v1/query', {
      query,
      time: String(time),
    });
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('vector');
    return body.data.result as VectorSample[];
  }

  it('sums increase() exactly over the minutes of the window', async () => {
    const result = await instant(
      'sum(increase(http_requests_total{cluster="dpj-prod-cluster", namespace="dpj"}[1h]))',
    );
    const minute = nowSeconds / 60;
    const expected = recount(
      'dpj-prod-cluster',
      'production',
      minute - 60,
      minute,
    );
    expect(result).toEqual([
      { metric: {}, value: [nowSeconds, String(sumOf(expected, /./))] },
    ]);
    // ~200 requests/s at the afternoon peak, a little less at noon.
    expect(Number(result[0].value[1]) / 3600).toBeGreaterThan(100);
  });

  it('groups by label and matches codes with a regex', async () => {
    const time = MONTH_START + 15 * 3600; // the 1st, 15:00: staging's incident is over
    const result = await instant(
      'sum by (code) (increase(http_requests_total{cluster="dpj-staging-cluster",code=~"5.."}[1d]))',
      time,
    );
    const expected = recount(
      'dpj-staging-cluster',
      'staging',
      time / 60 - 1440,
      time / 60,
    );
    expect(result).toEqual([
      { metric: { code: '500' }, value: [time, String(expected['500'])] },
      { metric: { code: '503' }, value: [time, String(expected['503'])] },
    ]);
    // The 55-minute outage answered most requests with 5xx.
    expect(expected['500'] + expected['503']).toBeGreaterThan(20_000);
  });

  it('divides by the range for rate() and honours != and !~', async () => {
    const result = await instant(
      'sum(rate(http_requests_total{cluster="dpj-dev-cluster",service!="dpj-web",code!~"5.."}[5m]))',
    );
    const minute = nowSeconds / 60;
    const expected = recount('dpj-dev-cluster', 'dev', minute - 5, minute, [
      'dpj-api',
    ]);
    expect(Number(result[0].value[1])).toBeCloseTo(
      sumOf(expected, /^[234]/) / 300,
      9,
    );
  });

  it('reads probe_success with avg_, sum_ and count_over_time', async () => {
    const time = MONTH_START + 16 * 3600; // two hours after the staging incident began
    const selector =
      'probe_success{cluster="dpj-staging-cluster",job="blackbox"}[6h]';
    const [avg] = await instant(`avg_over_time(${selector})`, time);
    const [sum] = await instant(`sum_over_time(${selector})`, time);
    const [count] = await instant(`count_over_time(${selector})`, time);
    let successes = 0;
    for (let minute = time / 60 - 359; minute <= time / 60; minute += 1) {
      successes += probeSuccess('staging', minute);
    }
    expect(successes).toBe(360 - 55);
    expect(avg.metric).toEqual({
      cluster: 'dpj-staging-cluster',
      job: 'blackbox',
      instance: 'dpj-web',
    });
    expect(count.value[1]).toBe('360');
    expect(sum.value[1]).toBe(String(successes));
    expect(Number(avg.value[1])).toBeCloseTo(successes / 360, 12);
  });

  it('puts dpj-staging below 99.9% this month while dpj-prod and dpj-dev stay above', async () => {
    const monthSoFar = `${(nowSeconds - MONTH_START) / 3600}h`;
    const attainment = async (cluster: string) => {
      const [errors] = await instant(
        `sum(increase(http_requests_total{cluster="${cluster}",code=~"5.."}[${monthSoFar}]))`,
      );
      const [total] = await instant(
        `sum(increase(http_requests_total{cluster="${cluster}"}[${monthSoFar}]))`,
      );
      const [uptime] = await instant(
        `avg_over_time(probe_success{cluster="${cluster}"}[${monthSoFar}])`,
      );
      return {
        requests: 1 - Number(errors.value[1]) / Number(total.value[1]),
        time: Number(uptime.value[1]),
      };
    };
    const staging = await attainment('dpj-staging-cluster');
    const prod = await attainment('dpj-prod-cluster');
    const dev = await attainment('dpj-dev-cluster');
    expect(staging.requests).toBeLessThan(0.999);
    expect(staging.time).toBeLessThan(0.999);
    for (const healthy of [prod, dev]) {
      expect(healthy.requests).toBeGreaterThan(0.999);
      expect(healthy.time).toBeGreaterThan(0.999);
    }
    // Prod's incident of the 15th is this month too, and cost it some uptime.
    expect(prod.time).toBeLessThan(1);
    expect(dev.time).toBe(1);
    // Integrating 17 days of three clusters takes a few seconds under a loaded CI.
  }, 30_000);

  it('keeps last month: a short prod incident, staging below 99.9% over 31 days', async () => {
    const [prodProbe, stagingProbe] = await Promise.all(
      ['dpj-prod-cluster', 'dpj-staging-cluster'].map(cluster =>
        instant(
          `sum_over_time(probe_success{cluster="${cluster}"}[31d])`,
          MONTH_START,
        ),
      ),
    );
    expect(prodProbe[0].value[1]).toBe(String(31 * 1440 - 12));
    expect(stagingProbe[0].value[1]).toBe(String(31 * 1440 - 55));
    expect((31 * 1440 - 55) / (31 * 1440)).toBeLessThan(0.999);
  });

  it('evaluates query_range at each step, POST form bodies included', async () => {
    const query = 'sum by (cluster) (increase(http_requests_total[30m]))';
    const start = nowSeconds - 2 * 3600;
    const response = await fetch(
      `${sandbox.url}/prometheus/api/v1/query_range`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          query,
          start: String(start),
          end: new Date(NOW).toISOString(),
          step: '30m',
        }),
      },
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data.resultType).toBe('matrix');
    expect(body.data.result.map((s: VectorSample) => s.metric.cluster)).toEqual(
      ['dpj-dev-cluster', 'dpj-prod-cluster', 'dpj-staging-cluster'],
    );
    const prod = body.data.result[1];
    expect(prod.values.map(([t]: [number, string]) => t)).toEqual([
      start,
      start + 1800,
      start + 3600,
      start + 5400,
      nowSeconds,
    ]);
    const [atEnd] = (await instant(query)).filter(
      s => s.metric.cluster === 'dpj-prod-cluster',
    );
    expect(prod.values[4]).toEqual(atEnd.value);
  });

  it('refuses more than 11,000 points per series like Prometheus', async () => {
    const { status, body } = await get('/api/v1/query_range', {
      query: 'sum(rate(http_requests_total[5m]))',
      start: String(nowSeconds - 86400),
      end: String(nowSeconds),
      step: '7',
    });
    expect(status).toBe(400);
    expect(body).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error:
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    });
  });

  it.each([
    ['max(http_requests_total)', 'one of increase, rate'],
    ['sum(increase(http_request_total[5m]))', 'on http_requests_total only'],
    ['increase(http_requests_total[5m])', 'sum(...) around increase()'],
    [
      'sum(increase(http_requests_total{code=~"5.."}[5 minutes]))',
      'range duration',
    ],
    ['sum(increase(http_requests_total[5m])) / 2', 'end of query'],
  ])(
    'answers 400 bad_data for the unsupported query %s',
    async (query, hint) => {
      const { status, body } = await get('/api/v1/query', { query });
      expect(status).toBe(400);
      expect(body.status).toBe('error');
      expect(body.errorType).toBe('bad_data');
      expect(body.error).toContain('invalid parameter "query"');
      expect(body.error).toContain(hint);
    },
  );

  it('names a malformed time and answers nothing for an unknown cluster', async () => {
    const { status, body } = await get('/api/v1/query', {
      query: 'sum(increase(http_requests_total[5m]))',
      time: 'yesterday',
    });
    expect(status).toBe(400);
    expect(body.error).toBe(
      'invalid parameter "time": cannot parse "yesterday" to a valid timestamp',
    );
    expect(
      await instant('sum(increase(http_requests_total{cluster="nope"}[5m]))'),
    ).toEqual([]);
  });
});
