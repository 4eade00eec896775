import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import request from 'supertest';
import { eksPlatformPlugin } from '../plugin';
import {
  CapacityFixture,
  startCapacityFixture,
  upstreamCalls,
} from './__testUtils__/capacityFixture';

jest.setTimeout(60_000);

describe('GET /capacity/:namespace/:name against the sandbox', () => {
  let fixture: CapacityFixture;

  beforeAll(async () => {
    // One cluster more, seeded without an autoscaler.
    fixture = await startCapacityFixture({ extraClusters: 1 });
  });
  afterAll(() => fixture.close());

  beforeEach(async () => {
    fixture.kubernetes.setDown(false);
    fixture.kubernetes.requests.length = 0;
    await fetch(`${fixture.sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
  });

  async function startBackend(
    catalog: BackendFeature = catalogServiceMock.factory({
      entities: fixture.entities,
    }),
  ) {
    const { server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        catalog,
        mockServices.rootConfig.factory({ data: fixture.config }),
        mockServices.discovery.mock({
          getBaseUrl: async pluginId =>
            pluginId === 'kubernetes'
              ? fixture.kubernetes.baseUrl
              : `http://127.0.0.1/api/${pluginId}`,
        }).factory,
      ],
    });
    return server;
  }

  function getCapacity(server: Parameters<typeof request>[0], path: string) {
    return request(server)
      .get(`/api/eks-platform/capacity/${path}`)
      .set('Authorization', mockCredentials.user.header());
  }

  it('reports dpj-dev-cluster from EKS, EC2 and the Kubernetes API', async () => {
    const server = await startBackend();
    const response = await getCapacity(server, 'default/dpj-dev-cluster');
    expect(response.status).toBe(200);
    const report = response.body as CapacityReport;

    // The metrics-server add-on runs: usage is measured, and below what pods request.
    expect(report.sources).toEqual({
      aws: { status: 'ok' },
      kubernetes: { status: 'ok' },
      metrics: { status: 'ok' },
    });
    for (const group of report.nodeGroups) {
      expect(group.cpu.usage).toBeGreaterThan(0);
      expect(group.cpu.usage).toBeLessThan(group.cpu.allocatable);
      expect(group.memory.usage).toBeGreaterThan(0);
    }
    expect(report.totals.cpu.usage).toBeDefined();
    // The dev preset: system 2/2/3 on-demand, app-on-demand 1/1/3, app-spot 0/1/6.
    const groups = Object.fromEntries(report.nodeGroups.map(g => [g.name, g]));
    expect(Object.keys(groups).sort()).toHaveLength(3);
    const system = report.nodeGroups.find(g => g.name.includes('system'))!;
    expect(system).toMatchObject({
      capacityType: 'ON_DEMAND',
      minSize: 2,
      desiredSize: 2,
      maxSize: 3,
      currentNodes: 2,
      headroomNodes: 1,
    });
    // t3.large: 3 ENIs × 12 IPs → 35 pods per node; 2 vCPU less 70m reserved.
    expect(system.pods.allocatable).toBe(70);
    expect(system.cpu.allocatable).toBe(2 * 1930);
    expect(system.cpu.requested).toBeGreaterThan(0);
    expect(system.ipCeiling).toHaveLength(3);
    expect(system.ipCeiling[0]).toMatchObject({
      availabilityZone: 'eu-west-3a',
      addressesPerNode: 36,
    });
    expect(system.ipCeiling[0].nodesThatFit).toBe(
      Math.floor(system.ipCeiling[0].freeAddresses / 36),
    );
    expect(system.price).toMatchObject({ currency: 'USD', estimate: true });
    expect(system.price?.hourly).toBeCloseTo(2 * 0.0944, 6);
    const spot = report.nodeGroups.find(g => g.capacityType === 'SPOT')!;
    expect(spot.maxSize).toBe(6);
    expect(spot.currentNodes).toBe(1);
    expect(report.totals.nodes).toBe(4);
    expect(report.firstLimit?.nodeGroup).toBeDefined();
    expect(report.firstLimit?.atScale).toBeGreaterThan(1);
    expect(report.cluster).toEqual({
      entityRef: 'resource:default/dpj-dev-cluster',
      clusterName: 'dpj-dev-cluster',
      accountId: '111111111111',
      region: 'eu-west-3',
    });
    expect(fixture.kubernetes.requests.map(r => r.cluster)).toEqual(
      expect.arrayContaining(['dpj-dev-cluster']),
    );
  });

  it("shows the autoscaler's view: pending pods, a scale-up in progress, its last scale-down", async () => {
    const server = await startBackend();
    const staging = (await getCapacity(server, 'default/dpj-staging-cluster'))
      .body as CapacityReport;
    expect(staging.autoscaler).toMatchObject({ status: 'running' });
    expect(staging.pendingPods).toHaveLength(2);
    expect(staging.pendingPods?.[0]).toMatchObject({
      namespace: 'dpj',
      name: expect.stringMatching(/^dpj-worker-/),
      cpuMillis: 250,
      memoryBytes: 512 * 1024 * 1024,
      reason: expect.stringMatching(
        /^0\/\d+ nodes are available: .*Insufficient cpu/,
      ),
    });
    const spot = staging.nodeGroups.find(g => g.name === 'app-spot')!;
    expect(spot.autoscaling).toMatchObject({
      scaleUp: 'InProgress',
      lastScaleUp: { fromNodes: 2, toNodes: 3, at: expect.any(String) },
    });
    expect(
      staging.nodeGroups.find(g => g.name === 'system')?.autoscaling,
    ).toMatchObject({ scaleUp: 'NoActivity' });
    expect(staging.firstLimit?.explanation).toMatch(
      /2 pods wait for a node now; the autoscaler is adding nodes to app-spot\.$/,
    );

    const production = (await getCapacity(server, 'default/dpj-prod-cluster'))
      .body as CapacityReport;
    expect(production.pendingPods).toEqual([]);
    expect(production.autoscaler).toMatchObject({
      status: 'running',
      lastScaleDown: {
        message:
          'Scale-down: removing empty node "ip-10-30-70-12.eu-west-3.compute.internal"',
      },
    });
  });

  it('says when no autoscaler runs, and limits growth to the nodes there are', async () => {
    const server = await startBackend();
    const bench = (await getCapacity(server, 'default/bench-01-cluster'))
      .body as CapacityReport;
    expect(bench.autoscaler).toEqual({
      status: 'absent',
      reason: expect.stringContaining(
        'kube-system/cluster-autoscaler-status does not exist',
      ),
    });
    expect(bench.nodeGroups.every(g => g.autoscaling === undefined)).toBe(true);
    expect(bench.firstLimit?.explanation).toMatch(
      /no Cluster Autoscaler runs, so it stays at \d+ nodes/,
    );
  });

  it('shares one upstream fetch between concurrent requests and caches the report', async () => {
    const server = await startBackend();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        getCapacity(server, 'default/dpj-prod-cluster'),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(20).fill(200));
    const firstCalls = await upstreamCalls(fixture.sandbox);
    const aws = firstCalls.filter(c => c.service !== 'kubernetes');
    const operations = aws.map(c => c.operation);
    // ListNodegroups + 3 × DescribeNodegroup + DescribeSubnets + DescribeInstanceTypes
    expect(operations.sort()).toEqual([
      'DescribeInstanceTypes',
      'DescribeNodegroup',
      'DescribeNodegroup',
      'DescribeNodegroup',
      'DescribeSubnets',
      'ListNodegroups',
    ]);
    // nodes, pods, node metrics, the autoscaler's status and its events
    expect(firstCalls.filter(c => c.service === 'kubernetes')).toHaveLength(5);

    const again = await getCapacity(server, 'default/dpj-prod-cluster');
    expect(again.body.generatedAt).toBe(responses[0].body.generatedAt);
    expect(await upstreamCalls(fixture.sandbox)).toHaveLength(
      firstCalls.length,
    );
  });

  it('still shows the AWS side, with the reason, when Kubernetes is unreachable', async () => {
    fixture.kubernetes.setDown(true);
    const server = await startBackend();
    const response = await getCapacity(server, 'default/dpj-staging-cluster');
    expect(response.status).toBe(200);
    const report = response.body as CapacityReport;
    expect(report.sources.aws).toEqual({ status: 'ok' });
    expect(report.sources.kubernetes).toEqual({
      status: 'error',
      reason:
        'KubernetesRequestError: GET /api/v1/nodes answered 503 Service Unavailable',
    });
    // Staging preset: app-on-demand 2 / 2 / 6 nodes.
    const onDemand = report.nodeGroups.find(
      g => g.capacityType === 'ON_DEMAND' && g.maxSize === 6,
    );
    expect(onDemand).toMatchObject({ desiredSize: 2, currentNodes: 2 });
    expect(onDemand?.ipCeiling).toHaveLength(3);
    expect(report.firstLimit?.resource).toBe('max-size');
  });

  it('answers 400 naming the invalid parameter', async () => {
    const server = await startBackend();
    const badName = await getCapacity(server, 'default/bad%20name');
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toContain("Invalid 'name'");
    const badNamespace = await getCapacity(server, '-x/dpj-dev-cluster');
    expect(badNamespace.status).toBe(400);
    expect(badNamespace.body.error.message).toContain("Invalid 'namespace'");
  });

  it('answers 404 for unknown entities and for entities that are not clusters', async () => {
    const server = await startBackend(
      catalogServiceMock.factory({
        entities: [
          ...fixture.entities,
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: { name: 'a-bucket', namespace: 'default' },
            spec: { type: 's3-bucket' },
          },
        ],
      }),
    );
    expect((await getCapacity(server, 'default/nothing-here')).status).toBe(
      404,
    );
    expect((await getCapacity(server, 'default/a-bucket')).status).toBe(404);
    expect(await upstreamCalls(fixture.sandbox)).toEqual([]);
  });

  it("reads the entity with the caller's credentials", async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => undefined),
    });
    const server = await startBackend(catalog.factory);
    const response = await getCapacity(server, 'default/dpj-dev-cluster');
    expect(response.status).toBe(404);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'resource:default/dpj-dev-cluster',
      { credentials: mockCredentials.user() },
    );
  });

  it('refuses callers without valid credentials', async () => {
    const server = await startBackend();
    const response = await request(server)
      .get('/api/eks-platform/capacity/default/dpj-dev-cluster')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(response.status).toBe(401);
  });
});
