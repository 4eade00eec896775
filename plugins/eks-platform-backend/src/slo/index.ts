import express from 'express';
import Router from 'express-promise-router';
import { InputError, NotFoundError } from '@backstage/errors';
import { entityNameParam } from '../shared/entityNameParam';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { readSloDefinition } from '@internal/plugin-eks-platform-common';
import { RouterOptions } from '../types';
import { PrometheusClient } from './prometheusClient';
import { SloReportService } from './sloReportService';

/** What tests replace: the clock (reports are evaluated at "now") and fetch. */
export interface SloRouterOverrides {
  now?: () => Date;
  fetch?: typeof fetch;
}

/** Kinds an SLO may be attached to (clusters are resources). */
const SLO_KINDS = ['resource', 'component', 'system', 'api', 'domain'];
const DEFAULT_CACHE_TTL_SECONDS = 300;

/**
 * `GET /slo/:namespace/:name?kind=resource`: the SLO report of one entity, read with
 * the caller's credentials so catalog permissions apply.
 */
export async function createSloRouter(
  options: RouterOptions,
  overrides: SloRouterOverrides = {},
): Promise<express.Router> {
  const { config, catalog, httpAuth } = options;
  const baseUrl = config.getOptionalString('eksPlatform.prometheus.baseUrl');
  const service = new SloReportService({
    cache: options.cache,
    leases: options.leases,
    logger: options.logger,
    prometheus: baseUrl
      ? new PrometheusClient(baseUrl, undefined, overrides.fetch)
      : undefined,
    cacheTtlSeconds:
      config.getOptionalNumber('eksPlatform.slo.cacheTtlSeconds') ??
      DEFAULT_CACHE_TTL_SECONDS,
    now: overrides.now ?? (() => new Date()),
  });

  const router = Router();
  router.get('/slo/:namespace/:name', async (req, res) => {
    const namespace = entityNameParam(req, 'namespace');
    const name = entityNameParam(req, 'name');
    const kindParam = req.query.kind ?? 'resource';
    if (
      typeof kindParam !== 'string' ||
      !SLO_KINDS.includes(kindParam.toLocaleLowerCase('en-US'))
    ) {
      throw new InputError(
        `Invalid parameter "kind": expected one of ${SLO_KINDS.join(', ')}`,
      );
    }
    const kind = kindParam.toLocaleLowerCase('en-US');

    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef(
      { kind, namespace, name },
      { credentials },
    );
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const definition = readSloDefinition(entity);
    if (definition.status === 'absent') {
      throw new NotFoundError(
        `${entityRef} has no SLO: add the eks-platform/slo-* annotations`,
      );
    }
    if (definition.status === 'invalid') {
      res.status(422).json({
        error: {
          name: 'InvalidSloDefinition',
          message: definition.problems.map(p => p.message).join('; '),
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 422 },
        problems: definition.problems,
      });
      return;
    }
    res.json(await service.report(entityRef, definition.definition));
  });
  return router;
}
