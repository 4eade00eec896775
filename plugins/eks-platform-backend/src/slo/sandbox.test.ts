import { SloReportResponse } from '@internal/plugin-eks-platform-common';
import {
  defaultSandboxServices,
  RunningSandbox,
  startSandbox,
} from '@internal/aws-sandbox';
import request from 'supertest';
import { clusterWithSlo, startSloBackend } from './__testUtils__/testBackend';

/** The seeded clusters' SLOs answered by the sandbox's Prometheus. */
describe('SLO reports from the sandbox Prometheus', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      timeScale: 0.001,
      ...defaultSandboxServices({ seed: true }),
    });
  });
  afterAll(() => sandbox.close());

  async function prometheusCalls(): Promise<number> {
    const { calls } = await (
      await fetch(`${sandbox.url}/_sandbox/calls`)
    ).json();
    return (calls as Array<{ service: string }>).filter(
      c => c.service === 'prometheus',
    ).length;
  }

  // The sandbox builds its synthetic history on first use (~20 s on 2 cores).
  it('fails staging every past month, passes production, in six cached, shared queries', async () => {
    const now = new Date();
    const { server } = await startSloBackend({
      prometheusBaseUrl: `${sandbox.url}/prometheus`,
      entities: [
        clusterWithSlo('dpj-staging-cluster'),
        clusterWithSlo('dpj-prod-cluster'),
      ],
      overrides: { now: () => now },
    });
    const before = await prometheusCalls();
    // Two concurrent views of one page share one computation.
    const [staging, again] = await Promise.all([
      request(server).get('/api/eks-platform/slo/default/dpj-staging-cluster'),
      request(server).get('/api/eks-platform/slo/default/dpj-staging-cluster'),
    ]);
    expect(await prometheusCalls()).toBe(before + 6);
    expect(again.body).toEqual(staging.body);
    // A later view comes from the cache.
    await request(server).get(
      '/api/eks-platform/slo/default/dpj-staging-cluster',
    );
    expect(await prometheusCalls()).toBe(before + 6);

    const stagingBody = staging.body as SloReportResponse;
    if (stagingBody.status !== 'ok')
      throw new Error(JSON.stringify(stagingBody));
    const pastStaging = stagingBody.report.monthly.slice(1);
    expect(pastStaging).toHaveLength(11);
    expect(pastStaging.map(m => m.monthlyStatus)).toEqual(
      Array(11).fill('fail'),
    );
    // 55 minutes at 90% errors at peak traffic: well over a month's 0.1%.
    expect(pastStaging.every(m => (m.attainmentPercent ?? 100) < 99.9)).toBe(
      true,
    );

    const prod = (
      await request(server).get(
        '/api/eks-platform/slo/default/dpj-prod-cluster',
      )
    ).body as SloReportResponse;
    if (prod.status !== 'ok') throw new Error(JSON.stringify(prod));
    expect(prod.report.monthly.slice(1).map(m => m.monthlyStatus)).toEqual(
      Array(11).fill('pass'),
    );
    expect(prod.report.rolling30d.total).toBeGreaterThan(100_000_000);
    expect(prod.report.flags).toEqual([]);
    expect(prod.report.burnRates).toHaveLength(4);
    expect(prod.report.daily.length).toBeGreaterThanOrEqual(30);

    // The rolling figure is the sandbox's own answer to the same query.
    const direct = await (
      await fetch(
        `${sandbox.url}/prometheus/api/v1/query?${new URLSearchParams({
          query:
            'sum(increase(http_requests_total{cluster="dpj-prod-cluster",namespace="dpj"}[30d]))',
          time: String(Math.floor(now.getTime() / 60_000) * 60),
        })}`,
      )
    ).json();
    expect(prod.report.rolling30d.total).toBe(
      Number(direct.data.result[0].value[1]),
    );
  }, 120_000);
});
