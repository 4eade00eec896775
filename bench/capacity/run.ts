/**
 * Capacity route under load: 500 concurrent viewers of one cluster, then of 20
 * clusters, each against a cold cache. Prints latency percentiles, errors and
 * the upstream AWS and Kubernetes calls the sandbox answered. Loopback only;
 * bounded request count; no assertions.
 */
import { Server } from 'node:http';
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import type {
  AuthService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { createCapacityRouter } from '../../plugins/eks-platform-backend/src/capacity';
import {
  CapacityFixture,
  startCapacityFixture,
  upstreamCalls,
} from '../../plugins/eks-platform-backend/src/capacity/__testUtils__/capacityFixture';
import {
  benchViewer as viewer,
  closeServer,
  percentile,
  quietLogger,
  routeBaseUrl,
  serveRouter,
} from '../shared/routeServer';

const CONCURRENT_REQUESTS = 500;
const CLUSTER_COUNTS = [1, 20];

/** The route with in-process stand-ins for catalog and auth, and a real memory cache. */
async function startRoute(fixture: CapacityFixture): Promise<Server> {
  const config = new ConfigReader(fixture.config);
  const entities = new Map<string, Entity>(
    fixture.entities.map(entity => [stringifyEntityRef(entity), entity]),
  );
  const router = await createCapacityRouter({
    logger: quietLogger,
    config,
    cache: CacheManager.fromConfig(config).forPlugin('eks-platform'),
    discovery: {
      getBaseUrl: async id =>
        id === 'kubernetes'
          ? fixture.kubernetes.baseUrl
          : `http://127.0.0.1/api/${id}`,
      getExternalBaseUrl: async id => `http://127.0.0.1/api/${id}`,
    },
    auth: {
      getOwnServiceCredentials: async () => viewer,
      getPluginRequestToken: async () => ({ token: 'bench-service-token' }),
    } as unknown as AuthService,
    httpAuth: { credentials: async () => viewer } as unknown as HttpAuthService,
    catalog: {
      getEntityByRef: async (ref: string) => entities.get(ref),
    } as unknown as CatalogService,
    aws: AwsClientFactory.fromConfig(config),
  });
  return serveRouter(router);
}

async function wave(
  fixture: CapacityFixture,
  server: Server,
  clusterCount: number,
  cache: 'cold' | 'warm',
) {
  await fetch(`${fixture.sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
  const base = routeBaseUrl(server);
  const names = fixture.clusters.slice(0, clusterCount).map(c => c.name);
  const latencies: number[] = [];
  let errors = 0;
  let partial = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT_REQUESTS }, async (_, index) => {
      const begin = performance.now();
      try {
        const response = await fetch(
          `${base}/capacity/default/${names[index % names.length]}`,
        );
        const body = await response.json();
        if (!response.ok) errors += 1;
        else if (
          body.sources.aws.status !== 'ok' ||
          body.sources.kubernetes.status !== 'ok'
        ) {
          partial += 1;
        }
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - begin);
    }),
  );
  const wallMs = performance.now() - started;
  const calls = await upstreamCalls(fixture.sandbox);
  latencies.sort((a, b) => a - b);
  const kubernetesCalls = calls.filter(c => c.service === 'kubernetes').length;
  return {
    cache,
    clusters: clusterCount,
    requests: CONCURRENT_REQUESTS,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    wallMs,
    errors,
    partial,
    awsCalls: calls.length - kubernetesCalls,
    kubernetesCalls,
  };
}

async function main() {
  const fixture = await startCapacityFixture({ extraClusters: 17 });
  try {
    // One viewer of one cluster: the upstream cost of computing one report.
    const perReport = await scenarioOfOne(fixture);
    console.log(
      `one report costs ${perReport.awsCalls} AWS calls + ${perReport.kubernetesCalls} Kubernetes calls`,
    );
    console.log(
      'cache  clusters  requests  p50 ms  p99 ms  wall ms  errors  partial  AWS calls  K8s calls  calls per cluster / one report',
    );
    const results = [];
    for (const count of CLUSTER_COUNTS) {
      const server = await startRoute(fixture);
      results.push(await wave(fixture, server, count, 'cold'));
      results.push(await wave(fixture, server, count, 'warm'));
      await closeServer(server);
    }
    for (const r of results) {
      const count = r.clusters;
      const perCluster =
        (r.awsCalls + r.kubernetesCalls) /
        count /
        (perReport.awsCalls + perReport.kubernetesCalls);
      console.log(
        [
          r.cache.padEnd(5),
          String(r.clusters).padStart(8),
          String(r.requests).padStart(9),
          r.p50Ms.toFixed(1).padStart(7),
          r.p99Ms.toFixed(1).padStart(7),
          r.wallMs.toFixed(0).padStart(8),
          String(r.errors).padStart(7),
          String(r.partial).padStart(8),
          String(r.awsCalls).padStart(10),
          String(r.kubernetesCalls).padStart(10),
          `${perCluster.toFixed(2)}×`.padStart(10),
        ].join(' '),
      );
    }
  } finally {
    await fixture.close();
  }
}

/** A single request against a cold cache. */
async function scenarioOfOne(fixture: CapacityFixture) {
  await fetch(`${fixture.sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
  const server = await startRoute(fixture);
  await fetch(
    `${routeBaseUrl(server)}/capacity/default/${fixture.clusters[0].name}`,
  );
  const calls = await upstreamCalls(fixture.sandbox);
  await closeServer(server);
  const kubernetesCalls = calls.filter(c => c.service === 'kubernetes').length;
  return { awsCalls: calls.length - kubernetesCalls, kubernetesCalls };
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
