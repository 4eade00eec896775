/**
 * Which entity a deployments request is about, what its `argocd/app-selector` selects, in
 * which configured ArgoCD, and the permission resource it stands for.
 */
import express from 'express';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_ANNOTATIONS,
  EksDeploymentResource,
  ENVIRONMENTS,
  EnvironmentName,
  isKubernetesClusterEntity,
} from '@internal/plugin-eks-platform-common';
import {
  ArgoCdApiError,
  readArgoCdInstances,
} from '@internal/plugin-eks-platform-node';
import { entityNameParam } from '../shared/entityNameParam';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';
import { ArgoCdApplications } from './argoCdApplications';

export const APP_SELECTOR_ANNOTATION = 'argocd/app-selector';
export const INSTANCE_ANNOTATION = 'argocd/instance-name';
const KINDS = ['resource', 'component'];

export interface DeploymentTarget {
  entity: Entity;
  entityRef: string;
  selector: string;
  /** A managed cluster: the only kind of entity whose deployments may be changed here. */
  cluster: boolean;
  argo: ArgoCdApplications;
}

export type TargetResolver = (
  req: express.Request,
  credentials: BackstageCredentials,
) => Promise<DeploymentTarget>;

export function createTargetResolver(options: {
  catalog: CatalogService;
  config: Config;
  fetch?: typeof fetch;
}): TargetResolver {
  const { catalog } = options;
  const instances = readArgoCdInstances(options.config);
  const trust = ClusterEntityTrust.fromConfig(options.config);
  const overrides = { fetch: options.fetch };
  /** The entity, read with the caller's credentials, and what its selector selects. */
  return async function target(
    req: express.Request,
    credentials: BackstageCredentials,
  ) {
    const kind = String(req.query.kind ?? 'resource').toLocaleLowerCase(
      'en-US',
    );
    if (!KINDS.includes(kind)) {
      throw new InputError(
        `Invalid parameter "kind": expected one of ${KINDS.join(', ')}`,
      );
    }
    const ref = {
      kind,
      namespace: entityNameParam(req, 'namespace'),
      name: entityNameParam(req, 'name'),
    };
    const entityRef = stringifyEntityRef(ref);
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const selector =
      entity.metadata.annotations?.[APP_SELECTOR_ANNOTATION]?.trim();
    if (!selector) {
      throw new NotFoundError(
        `${entityRef} has no ${APP_SELECTOR_ANNOTATION} annotation`,
      );
    }
    const cluster = isKubernetesClusterEntity(entity);
    // A cluster's annotations are believed only where the product manages it.
    if (cluster) trust.assertManaged(entity);
    const instanceName = entity.metadata.annotations?.[INSTANCE_ANNOTATION];
    const instance = instanceName
      ? instances.find(i => i.name === instanceName)
      : instances[0];
    if (!instance) {
      throw new ServiceUnavailableError(
        instanceName
          ? `No ArgoCD instance named ${instanceName} in eksPlatform.argocd.instances`
          : 'No ArgoCD instance is configured: set eksPlatform.argocd.instances',
      );
    }
    if (!instance.token) {
      throw new ServiceUnavailableError(
        `eksPlatform.argocd.instances (${instance.name}) has no token`,
      );
    }
    return {
      entity,
      entityRef,
      selector,
      cluster,
      argo: new ArgoCdApplications(instance, instance.token, {
        fetch: overrides.fetch,
      }),
    };
  };
}

/** ArgoCD's failures are an upstream outage to the caller, in its own (scrubbed) words. */
export async function upstream<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ArgoCdApiError) {
      throw new ServiceUnavailableError(error.message);
    }
    throw error;
  }
}

/** The permission resource of a target: its environment preset and owner. */
export function resourceOf({
  entity,
  entityRef,
}: DeploymentTarget): EksDeploymentResource {
  const preset = entity.metadata.annotations?.[CLUSTER_ANNOTATIONS.environment];
  return {
    // An environment the entity does not name is treated as the strictest.
    preset: ENVIRONMENTS.includes(preset as EnvironmentName)
      ? (preset as EnvironmentName)
      : 'production',
    name: entityRef,
    owner: String(entity.spec?.owner ?? ''),
  };
}
