/**
 * The scheduled refresh: re-runs the queries behind every cluster's default cost tab
 * and the finance page before their cache entries expire, so page views are answered
 * from warm entries and never wait on Cost Explorer.
 */
import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_COST_METRIC,
  DEFAULT_FINANCE_COST_METRIC,
  isKubernetesClusterEntity,
} from '@internal/plugin-eks-platform-common';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';
import { CostReporter, mapLimit } from './costReporter';

export const COST_REFRESH_TASK_ID = 'eks-platform-cost-refresh';
const CLUSTER_CONCURRENCY = 2;

/** What the catalog is asked for: kubernetes-cluster resources, with what a report reads. */
export const CLUSTER_ENTITIES_REQUEST = {
  filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
  fields: [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'metadata.annotations',
    'spec.type',
  ],
};

export interface CostRefreshSummary {
  clusters: number;
  queries: number;
  failures: number;
}

export interface CostRefreshOptions {
  catalog: CatalogService;
  auth: AuthService;
  reporter: CostReporter;
  logger: LoggerService;
  /** Only managed clusters are refreshed: each refresh is billed by Cost Explorer. */
  trust: ClusterEntityTrust;
  signal?: AbortSignal;
}

/** One refresh run; what the scheduled task calls. */
export async function refreshCostCache(
  options: CostRefreshOptions,
): Promise<CostRefreshSummary> {
  const { catalog, auth, reporter, logger, trust, signal } = options;
  const { items } = await catalog.getEntities(CLUSTER_ENTITIES_REQUEST, {
    credentials: await auth.getOwnServiceCredentials(),
  });
  const { trusted: clusters, untrusted } = trust.partition(
    items.filter(isKubernetesClusterEntity),
  );
  if (untrusted.length > 0) {
    logger.warn(
      `Cost refresh skips the cluster entities it does not manage: ${untrusted
        .map(({ reason }) => reason)
        .join('; ')}`,
    );
  }
  const metrics = [
    ...new Set([DEFAULT_COST_METRIC, DEFAULT_FINANCE_COST_METRIC]),
  ];
  const summary: CostRefreshSummary = {
    clusters: clusters.length,
    queries: 0,
    failures: 0,
  };
  await mapLimit(clusters, CLUSTER_CONCURRENCY, async (entity: Entity) => {
    for (const metric of metrics) {
      if (signal?.aborted) return;
      try {
        // Awaited first: `+=` would read the count before the other clusters' updates.
        const queries = await reporter.warm(entity, metric);
        summary.queries += queries;
      } catch (error) {
        summary.failures++;
        logger.warn(
          `Cost refresh of ${stringifyEntityRef(entity)} (${metric}) failed: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }
  });
  logger.info(
    `Cost refresh: ${summary.clusters} clusters, ${summary.queries} queries, ${summary.failures} failures`,
  );
  return summary;
}

export async function scheduleCostRefresh(
  scheduler: SchedulerService,
  intervalMinutes: number,
  options: Omit<CostRefreshOptions, 'signal'>,
): Promise<void> {
  await scheduler.scheduleTask({
    id: COST_REFRESH_TASK_ID,
    scope: 'global',
    frequency: { minutes: intervalMinutes },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 10 },
    fn: async signal => {
      await refreshCostCache({ ...options, signal });
    },
  });
}
