/**
 * `GET /capacity/:namespace/:name`: the capacity report of a kubernetes-cluster
 * resource the product manages. The caller must be able to read the entity; the
 * report itself is the same for every such caller, so it is cached per entity.
 */
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { isKubernetesClusterEntity } from '@internal/plugin-eks-platform-common';
import { RouterOptions } from '../types';
import { entityNameParam } from '../shared/entityNameParam';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';
import { CapacityReportCache } from './reportCache';
import { CapacityReporter } from './capacityReporter';
import { KubernetesCapacitySource } from './kubernetesCapacitySource';

const DEFAULT_CACHE_TTL_SECONDS = 60;

function cacheTtlMs(options: RouterOptions): number {
  const seconds =
    options.config.getOptionalNumber('eksPlatform.capacity.cacheTtlSeconds') ??
    DEFAULT_CACHE_TTL_SECONDS;
  if (!(seconds > 0)) {
    throw new Error(
      `eksPlatform.capacity.cacheTtlSeconds must be positive, got ${seconds}`,
    );
  }
  return seconds * 1000;
}

/** Routes of the capacity feature. */
export async function createCapacityRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { catalog, httpAuth, logger } = options;
  const trust = ClusterEntityTrust.fromConfig(options.config);
  const reports = new CapacityReportCache(
    options.cache,
    cacheTtlMs(options),
    options.leases,
  );
  const reporter = new CapacityReporter(
    options.aws,
    new KubernetesCapacitySource(options.discovery, options.auth),
    logger,
  );
  const router = Router();

  router.get('/capacity/:namespace/:name', async (req, res) => {
    const namespace = entityNameParam(req, 'namespace');
    const name = entityNameParam(req, 'name');
    const credentials = await httpAuth.credentials(req);
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
    // Before the cache and any AWS or Kubernetes call: its annotations pick both.
    trust.assertManaged(entity);
    res.json(await reports.get(entityRef, () => reporter.report(entity)));
  });

  return router;
}
