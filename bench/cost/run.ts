/**
 * Cost routes under load: 500 concurrent viewers of one cluster's cost tab, then of
 * the finance page, each against a cold cache and again warm, then the same after the
 * scheduled refresh. Prints latency percentiles, errors and the Cost Explorer requests
 * the sandbox answered, against the number of distinct queries the pages need.
 * Loopback only; bounded request count; no assertions.
 */
import { Server } from 'node:http';
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import type {
  AuthService,
  HttpAuthService,
  PermissionsService,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { createCostRouter } from '../../plugins/eks-platform-backend/src/cost';
import {
  CostFixture,
  DPJ_ENTITIES,
  startCostFixture,
} from '../../plugins/eks-platform-backend/src/cost/__testUtils__/costFixture';
import {
  benchViewer,
  closeServer,
  percentile,
  quietLogger,
  routeBaseUrl,
  serveRouter,
} from '../shared/routeServer';

const CONCURRENT_VIEWERS = 500;
const COST_TAB = '/cost/default/dpj-prod-cluster';
const FINANCE_PAGE = '/cost/environments';

/** The cost routes with in-process stand-ins for catalog, auth and permissions. */
async function startRoutes(fixture: CostFixture) {
  const config = new ConfigReader(fixture.config);
  const entities = new Map<string, Entity>(
    DPJ_ENTITIES.map(entity => [stringifyEntityRef(entity), entity]),
  );
  let refreshTask: SchedulerServiceTaskInvocationDefinition | undefined;
  const router = await createCostRouter({
    logger: quietLogger,
    config,
    cache: CacheManager.fromConfig(config).forPlugin('eks-platform'),
    discovery: {
      getBaseUrl: async id => `http://127.0.0.1/api/${id}`,
      getExternalBaseUrl: async id => `http://127.0.0.1/api/${id}`,
    },
    auth: {
      getOwnServiceCredentials: async () => benchViewer,
    } as unknown as AuthService,
    httpAuth: {
      credentials: async () => benchViewer,
    } as unknown as HttpAuthService,
    permissions: {
      authorize: async (requests: unknown[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    } as unknown as PermissionsService,
    scheduler: {
      scheduleTask: async (task: SchedulerServiceTaskInvocationDefinition) => {
        refreshTask = task;
      },
    } as unknown as SchedulerService,
    catalog: {
      getEntityByRef: async (ref: string) => entities.get(ref),
      getEntities: async () => ({ items: [...entities.values()] }),
    } as unknown as CatalogService,
    aws: AwsClientFactory.fromConfig(config),
  });
  const server = await serveRouter(router);
  const refresh = async () => {
    if (!refreshTask) throw new Error('no cost refresh task was scheduled');
    await refreshTask.fn(new AbortController().signal);
  };
  return { server, refresh };
}

async function costExplorerRequests(fixture: CostFixture): Promise<number> {
  return (await fixture.ceCalls()).length;
}

async function wave(
  fixture: CostFixture,
  server: Server,
  path: string,
  label: string,
) {
  await fixture.clearCalls();
  const url = `${routeBaseUrl(server)}${path}`;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT_VIEWERS }, async () => {
      const begin = performance.now();
      try {
        const response = await fetch(url);
        const body = await response.json();
        const failedRows = (body.environments ?? []).filter(
          (row: { error?: string }) => row.error,
        ).length;
        if (!response.ok || failedRows > 0) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - begin);
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    label,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    wallMs,
    errors,
    costExplorerRequests: await costExplorerRequests(fixture),
  };
}

/** Distinct Cost Explorer queries behind one page: one viewer, cold cache. */
async function distinctQueries(fixture: CostFixture, path: string) {
  const { server } = await startRoutes(fixture);
  await fixture.clearCalls();
  const response = await fetch(`${routeBaseUrl(server)}${path}`);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  const count = await costExplorerRequests(fixture);
  await closeServer(server);
  return count;
}

async function main() {
  const fixture = await startCostFixture();
  try {
    const pages = [
      { name: 'cost tab', path: COST_TAB },
      { name: 'finance page', path: FINANCE_PAGE },
    ];
    console.log(
      `${CONCURRENT_VIEWERS} concurrent viewers per wave; Cost Explorer requests counted by the sandbox`,
    );
    console.log(
      'page          cache            p50 ms  p99 ms  wall ms  errors  CE requests  distinct queries  requests ÷ queries',
    );
    for (const page of pages) {
      const queries = await distinctQueries(fixture, page.path);
      // A fresh router and cache: the first wave is cold, the second warm.
      const { server, refresh } = await startRoutes(fixture);
      const results = [
        await wave(fixture, server, page.path, 'cold'),
        await wave(fixture, server, page.path, 'warm'),
      ];
      await fixture.clearCalls();
      await refresh();
      const refreshRequests = await costExplorerRequests(fixture);
      results.push(await wave(fixture, server, page.path, 'after refresh'));
      await closeServer(server);
      for (const r of results) {
        console.log(
          [
            page.name.padEnd(13),
            r.label.padEnd(15),
            r.p50Ms.toFixed(1).padStart(7),
            r.p99Ms.toFixed(1).padStart(7),
            r.wallMs.toFixed(0).padStart(8),
            String(r.errors).padStart(7),
            String(r.costExplorerRequests).padStart(12),
            String(queries).padStart(17),
            `${(r.costExplorerRequests / queries).toFixed(2)}×`.padStart(19),
          ].join(' '),
        );
      }
      console.log(
        `${page.name}: the scheduled refresh made ${refreshRequests} Cost Explorer requests (every default query of the 3 clusters, both metrics)`,
      );
    }
  } finally {
    await fixture.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
