/**
 * `GET /cost/:namespace/:name` (a cluster's cost tab) and `GET /cost/environments`
 * (the finance page). Both require `eksPlatformCostReadPermission`, checked before any
 * cache lookup or AWS call, read entities with the caller's credentials, and report on
 * the clusters the product manages only (`ClusterEntityTrust`).
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import {
  CostMetric,
  DEFAULT_COST_METRIC,
  DEFAULT_FINANCE_COST_METRIC,
  eksPlatformCostReadPermission,
  isKubernetesClusterEntity,
  parseCostMetric,
  parseCostRangeMonths,
} from '@internal/plugin-eks-platform-common';
import { RouterOptions } from '../types';
import { entityNameParam } from '../shared/entityNameParam';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';
import { readCostConfig } from './config';
import { CostExplorerError, CostExplorerSource } from './costExplorerSource';
import { CostReporter } from './costReporter';
import { CostQueryCache } from './queryCache';
import { CLUSTER_ENTITIES_REQUEST, scheduleCostRefresh } from './refresh';

/** Common code's parse errors name the parameter; they are the caller's mistake. */
function queryParam<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new InputError(
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** Routes of the cost feature, and its scheduled cache refresh. */
export async function createCostRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { catalog, httpAuth, permissions, logger } = options;
  const config = readCostConfig(options.config);
  const trust = ClusterEntityTrust.fromConfig(options.config);
  if (config.refreshIntervalMinutes * 60_000 >= config.cacheTtlMs) {
    logger.warn(
      'eksPlatform.cost.refreshIntervalMinutes is not shorter than eksPlatform.cost.cacheTtlSeconds: cost entries will expire before they are refreshed',
    );
  }
  const reporter = new CostReporter({
    source: new CostExplorerSource(options.aws),
    cache: new CostQueryCache(options.cache, config.cacheTtlMs, options.leases),
    config,
    logger,
  });
  await scheduleCostRefresh(options.scheduler, config.refreshIntervalMinutes, {
    catalog,
    auth: options.auth,
    reporter,
    logger,
    trust,
  });

  async function authorizedCredentials(
    req: express.Request,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: eksPlatformCostReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Reading AWS cost requires the ${eksPlatformCostReadPermission.name} permission`,
      );
    }
    return credentials;
  }

  /** AWS failures are an upstream outage to the caller (503), named by account and operation. */
  async function upstream<T>(compute: () => Promise<T>): Promise<T> {
    try {
      return await compute();
    } catch (error) {
      if (error instanceof CostExplorerError) {
        throw new ServiceUnavailableError(error.message);
      }
      throw error;
    }
  }

  const router = Router();

  router.get('/cost/environments', async (req, res) => {
    const credentials = await authorizedCredentials(req);
    const metric: CostMetric = queryParam(() =>
      parseCostMetric(req.query.metric, DEFAULT_FINANCE_COST_METRIC),
    );
    // Only the managed clusters the caller may see are summed; the others' account and
    // tags are anyone's choice (the scheduled refresh logs them).
    const { items } = await catalog.getEntities(CLUSTER_ENTITIES_REQUEST, {
      credentials,
    });
    const { trusted } = trust.partition(
      items.filter(isKubernetesClusterEntity),
    );
    res.json(await reporter.financeReport(trusted, metric));
  });

  router.get('/cost/:namespace/:name', async (req, res) => {
    const credentials = await authorizedCredentials(req);
    const namespace = entityNameParam(req, 'namespace');
    const name = entityNameParam(req, 'name');
    const months = queryParam(() => parseCostRangeMonths(req.query.months));
    const metric: CostMetric = queryParam(() =>
      parseCostMetric(req.query.metric, DEFAULT_COST_METRIC),
    );
    const entityRef = `resource:${namespace}/${name}`.toLocaleLowerCase(
      'en-US',
    );
    // Read with the caller's credentials so catalog permissions apply.
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || !isKubernetesClusterEntity(entity)) {
      throw new NotFoundError(
        `No kubernetes-cluster resource named ${namespace}/${name}`,
      );
    }
    // Before the cache and Cost Explorer: its annotations pick the account and tags.
    trust.assertManaged(entity);
    res.json(
      await upstream(() => reporter.clusterReport(entity, metric, months)),
    );
  });

  return router;
}
