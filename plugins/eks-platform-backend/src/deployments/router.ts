/**
 * `GET /deployments/:namespace/:name?kind=`: the ArgoCD applications an entity's
 * `argocd/app-selector` selects, with their history and the error budget each deployment
 * burned. `POST …/applications/:app/sync` and `…/rollback`: on a managed cluster's page
 * only, behind `eks-platform.deployments.sync` / `.rollback`, decided before any ArgoCD
 * call and recorded with the auditor (who, what, ArgoCD's answer).
 */
import express from 'express';
import Router from 'express-promise-router';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  DeploymentActionResult,
  DeploymentsReport,
  eksPlatformDeploymentsRollbackPermission,
  eksPlatformDeploymentsSyncPermission,
} from '@internal/plugin-eks-platform-common';
import { ArgoCdApiError } from '@internal/plugin-eks-platform-node';
import { RouterOptions } from '../types';
import { entityNameParam } from '../shared/entityNameParam';
import { PrometheusClient } from '../slo/prometheusClient';
import { ArgoApplication } from './argoCdApplications';
import { applicationView } from './applicationView';
import { DeploymentImpacts } from './deploymentImpacts';
import { DeploymentPermissions } from './deploymentPermissions';
import {
  createTargetResolver,
  DeploymentTarget,
  resourceOf,
  upstream,
} from './deploymentTarget';

const IMPACT_CACHE_TTL_MS = 300_000;

export interface DeploymentsRouterOverrides {
  now?: () => Date;
  fetch?: typeof fetch;
}

export async function createDeploymentsRouter(
  options: RouterOptions,
  overrides: DeploymentsRouterOverrides = {},
): Promise<express.Router> {
  const { httpAuth, logger, auditor } = options;
  const now = overrides.now ?? (() => new Date());
  const target = createTargetResolver({
    catalog: options.catalog,
    config: options.config,
    fetch: overrides.fetch,
  });
  const permissions = new DeploymentPermissions(options.permissions);
  const prometheusUrl = options.config.getOptionalString(
    'eksPlatform.prometheus.baseUrl',
  );
  const impacts = new DeploymentImpacts({
    cache: options.cache,
    logger,
    prometheus: prometheusUrl
      ? new PrometheusClient(prometheusUrl, undefined, overrides.fetch)
      : undefined,
    ttlMs: IMPACT_CACHE_TTL_MS,
  });

  const router = Router();
  router.use(express.json());

  router.get('/deployments/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const found = await target(req, credentials);
    const argoApps = await upstream(() => found.argo.list(found.selector));
    const applications = argoApps.map(app =>
      applicationView(app, found.argo.instance.url),
    );
    const [slo, actions] = await Promise.all([
      impacts.attach(found, applications, now()),
      permissions.actionsFor(credentials, found),
    ]);
    const report: DeploymentsReport = {
      entityRef: found.entityRef,
      instance: found.argo.instance.name,
      selector: found.selector,
      generatedAt: now().toISOString(),
      applications,
      slo,
      actions,
    };
    res.json(report);
  });

  /** Permission, then the application among the entity's, then the change, audited. */
  async function change(
    req: express.Request,
    action: 'sync' | 'rollback',
    perform: (
      found: DeploymentTarget,
      app: ArgoApplication,
    ) => Promise<DeploymentActionResult>,
  ): Promise<DeploymentActionResult> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const application = entityNameParam(req, 'app');
    const found = await target(req, credentials);
    const user = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    const meta = { entityRef: found.entityRef, application, action };
    const event = await auditor?.createEvent({
      eventId: 'deployment-change',
      severityLevel: 'high',
      request: req,
      meta,
    });
    try {
      if (!found.cluster) {
        throw new NotAllowedError(
          `${action} is offered on managed cluster pages only; ${found.entityRef} is not one`,
        );
      }
      const permission =
        action === 'sync'
          ? eksPlatformDeploymentsSyncPermission
          : eksPlatformDeploymentsRollbackPermission;
      const resource = resourceOf(found);
      if (!(await permissions.allowed(permission, credentials, resource))) {
        throw new NotAllowedError(
          `The permission policy refuses ${permission.name} on the ${resource.preset} environment ${found.entityRef} (owned by ${resource.owner})`,
        );
      }
      const apps = await upstream(() => found.argo.list(found.selector));
      const app = apps.find(a => a.metadata.name === application);
      if (!app) {
        throw new NotFoundError(
          `No ArgoCD application ${application} among ${found.entityRef}'s (${found.selector})`,
        );
      }
      const result = await perform(found, app);
      logger.info(
        `Deployments: ${user} ${action} ${application} of ${found.entityRef}: ${result.message}`,
      );
      await event?.success({ meta: { ...meta, answer: result.message } });
      return result;
    } catch (error) {
      logger.warn(
        `Deployments: ${user} ${action} ${application} of ${
          found.entityRef
        } refused: ${(error as Error).message}`,
      );
      await event?.fail({ error: error as Error, meta });
      throw error;
    }
  }

  router.post(
    '/deployments/:namespace/:name/applications/:app/sync',
    async (req, res) => {
      res.json(
        await change(req, 'sync', async (found, app) => {
          const synced = await upstream(() =>
            found.argo.sync(app.metadata.name),
          );
          return {
            application: app.metadata.name,
            message: `ArgoCD started a sync of ${app.metadata.name} to ${
              synced.spec.source?.targetRevision ?? 'its target'
            }`,
            automatedSyncSuspended: false,
          };
        }),
      );
    },
  );

  router.post(
    '/deployments/:namespace/:name/applications/:app/rollback',
    async (req, res) => {
      const { id, suspendAutomatedSync } = req.body ?? {};
      if (!Number.isInteger(id) || id < 0) {
        throw new InputError(
          'Invalid field "id": the ArgoCD history id to roll back to, a whole number',
        );
      }
      if (
        suspendAutomatedSync !== undefined &&
        typeof suspendAutomatedSync !== 'boolean'
      ) {
        throw new InputError(
          'Invalid field "suspendAutomatedSync": true or false',
        );
      }
      res.json(
        await change(req, 'rollback', async (found, app) => {
          const name = app.metadata.name;
          const automated = Boolean(app.spec.syncPolicy?.automated);
          if (automated && suspendAutomatedSync) {
            await upstream(() => found.argo.suspendAutomatedSync(name));
          }
          try {
            await found.argo.rollback(name, id);
          } catch (error) {
            // FailedPrecondition: the next automated sync would undo a rollback.
            if (
              error instanceof ArgoCdApiError &&
              error.code === 'FailedPrecondition' &&
              /auto-sync/.test(error.argoMessage)
            ) {
              throw new ConflictError(
                `ArgoCD refused to roll back ${name}: ${error.argoMessage}. Roll back with automated sync suspended; turn it on again once the release is fixed`,
              );
            }
            throw error instanceof ArgoCdApiError
              ? new ServiceUnavailableError(error.message)
              : error;
          }
          return {
            application: name,
            message: `${
              automated && suspendAutomatedSync
                ? 'ArgoCD suspended automated sync, then started'
                : 'ArgoCD started'
            } a rollback of ${name} to deployment ${id}`,
            automatedSyncSuspended: automated && Boolean(suspendAutomatedSync),
          };
        }),
      );
    },
  );

  return router;
}
