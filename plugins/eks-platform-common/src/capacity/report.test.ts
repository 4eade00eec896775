import { buildCapacityReport, CapacityInputs } from './report';
import { GiB, testAwsData, testNode } from './testing';

const cluster = {
  entityRef: 'resource:default/dpj-dev-cluster',
  clusterName: 'dpj-dev-cluster',
  accountId: '111111111111',
  region: 'eu-west-3',
};
const generatedAt = new Date('2026-11-26T10:00:00Z');

// Two c5.xlarge nodes: 4000m / 8 GiB / 58 pods allocatable each.
const appNodes = [
  testNode('n1', 'app', { cpuMillis: 2000, memoryGiB: 2, pods: 20 }),
  testNode('n2', 'app', { cpuMillis: 2000, memoryGiB: 4, pods: 10 }),
];

function inputs(overrides: Partial<CapacityInputs>): CapacityInputs {
  return {
    cluster,
    aws: {
      ok: true,
      data: testAwsData({ a: 131, b: 251 }, [
        { name: 'app', capacityType: 'ON_DEMAND', desired: 2, max: 6 },
      ]),
    },
    kubernetes: { ok: true, data: appNodes },
    metrics: { status: 'unavailable', reason: 'no metrics-server' },
    generatedAt,
    ...overrides,
  };
}

describe('buildCapacityReport', () => {
  it('computes a node group by hand: totals, IP ceiling, price, first limit', () => {
    const report = buildCapacityReport(inputs({}));
    const [app] = report.nodeGroups;
    expect(app).toMatchObject({
      name: 'app',
      capacityType: 'ON_DEMAND',
      minSize: 0,
      desiredSize: 2,
      maxSize: 6,
      currentNodes: 2,
      headroomNodes: 4,
      cpu: { allocatable: 8000, requested: 4000 },
      memory: { allocatable: 16 * GiB, requested: 6 * GiB },
      pods: { allocatable: 116, requested: 30 },
      // 2 nodes + floor(131/60)=2 + floor(251/60)=4 = 8 > max size 6
      nodeCeiling: 6,
    });
    expect(app.cpu.usage).toBeUndefined();
    expect(app.ipCeiling.map(az => az.nodesThatFit)).toEqual([2, 4]);
    expect(app.price?.hourly).toBeCloseTo(0.404, 6);
    expect(app.price?.monthly).toBeCloseTo(294.92, 2);
    expect(app.price?.estimate).toBe(true);
    expect(app.price?.basis).toBe(
      '2 × c5.xlarge, eu-west-3 on-demand list price',
    );
    // CPU: 4000m × 6 / 4000m = 6×; memory 8 GiB × 6 / 6 GiB = 8×; pods 58 × 6 / 30 = 11.6×
    expect(report.firstLimit).toEqual({
      resource: 'cpu',
      nodeGroup: 'app',
      atScale: 6,
      atNodes: 6,
      explanation:
        "app runs out of CPU at 6× today's requests, when it reaches its max size of 6 nodes.",
    });
    expect(report.totals).toMatchObject({
      nodes: 2,
      cpu: { allocatable: 8000, requested: 4000 },
      pods: { allocatable: 116, requested: 30 },
    });
    expect(report.sources).toEqual({
      aws: { status: 'ok' },
      kubernetes: { status: 'ok' },
      metrics: { status: 'unavailable', reason: 'no metrics-server' },
    });
    expect(report.generatedAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('says IPs bind first when the subnets cannot address the max size', () => {
    const report = buildCapacityReport(
      inputs({
        aws: {
          ok: true,
          data: testAwsData({ a: 59, b: 120 }, [
            { name: 'app', capacityType: 'ON_DEMAND', desired: 2, max: 6 },
          ]),
        },
      }),
    );
    // 2 nodes + 0 + 2 = 4 < 6; CPU then runs out at 4000 × 4 / 4000 = 4×
    expect(report.nodeGroups[0].nodeCeiling).toBe(4);
    expect(report.firstLimit).toMatchObject({
      resource: 'ips',
      atScale: 4,
      atNodes: 4,
    });
    expect(report.firstLimit?.explanation).toContain(
      'its subnets can address only 4 nodes, fewer than its max size of 6',
    );
  });

  it('picks the group that runs out at the lowest scale and prices spot as an estimate', () => {
    const report = buildCapacityReport(
      inputs({
        aws: {
          ok: true,
          data: testAwsData({ a: 131, b: 251 }, [
            { name: 'app', capacityType: 'ON_DEMAND', desired: 2, max: 2 },
            { name: 'spot', capacityType: 'SPOT', desired: 1, max: 10 },
          ]),
        },
        kubernetes: {
          ok: true,
          data: [
            ...appNodes,
            testNode('s1', 'spot', { cpuMillis: 3000, memoryGiB: 1, pods: 5 }),
          ],
        },
      }),
    );
    // app is at max size: CPU 4000 × 2 / 4000 = 2×. spot: 4000 × 7 / 3000 = 9.33×
    expect(report.firstLimit).toMatchObject({
      resource: 'max-size',
      nodeGroup: 'app',
      atScale: 2,
      atNodes: 2,
    });
    const spot = report.nodeGroups[1];
    expect(spot.nodeCeiling).toBe(7);
    expect(spot.price?.hourly).toBeCloseTo(0.202 * 0.33, 6);
    expect(spot.price?.basis).toContain('spot estimated at 33% of on-demand');
    expect(report.totals.price?.hourly).toBeCloseTo(0.404 + 0.06666, 4);
    expect(report.totals.nodes).toBe(3);
  });

  it('keeps the AWS side when Kubernetes is unreachable, with the reason', () => {
    const report = buildCapacityReport(
      inputs({ kubernetes: { ok: false, reason: 'connect ECONNREFUSED' } }),
    );
    expect(report.sources.kubernetes).toEqual({
      status: 'error',
      reason: 'connect ECONNREFUSED',
    });
    const [app] = report.nodeGroups;
    expect(app).toMatchObject({ currentNodes: 2, maxSize: 6, nodeCeiling: 6 });
    expect(app.cpu).toEqual({ allocatable: 0, requested: 0 });
    expect(app.price?.hourly).toBeCloseTo(0.404, 6);
    expect(report.firstLimit).toMatchObject({
      resource: 'max-size',
      atNodes: 6,
    });
    expect(report.firstLimit?.atScale).toBeUndefined();
  });

  it('keeps the Kubernetes side when AWS is unreachable, grouping nodes by label', () => {
    const report = buildCapacityReport(
      inputs({
        aws: { ok: false, reason: 'AccessDenied' },
        kubernetes: {
          ok: true,
          data: [
            ...appNodes,
            testNode('x', undefined, { cpuMillis: 0, memoryGiB: 0, pods: 1 }),
          ],
        },
      }),
    );
    expect(report.nodeGroups.map(g => [g.name, g.currentNodes])).toEqual([
      ['app', 2],
      ['(not in a managed node group)', 1],
    ]);
    expect(report.nodeGroups[0].maxSize).toBeUndefined();
    expect(report.nodeGroups[0].instanceTypes).toEqual(['c5.xlarge']);
    expect(report.firstLimit).toBeUndefined();
    expect(report.totals.cpu.allocatable).toBe(12000);
  });

  it('sums usage only when every node has metrics', () => {
    const measured = appNodes.map(node => ({
      ...node,
      usage: { cpuMillis: 1500, memoryBytes: GiB },
    }));
    const report = buildCapacityReport(
      inputs({
        kubernetes: { ok: true, data: measured },
        metrics: { status: 'ok' },
      }),
    );
    expect(report.nodeGroups[0].cpu.usage).toBe(3000);
    expect(report.totals.memory.usage).toBe(2 * GiB);
    expect(report.totals.pods.usage).toBeUndefined();
  });
});
