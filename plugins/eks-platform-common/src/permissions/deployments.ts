import { createPermission } from '@backstage/plugin-permission-common';
import type { EnvironmentName } from '../environment/types';

/**
 * Syncing and rolling back an environment's ArgoCD applications are resource permissions
 * on the environment: the default policy allows them to the owning group for dev and
 * staging, and to the production admins everywhere. The eks-platform backend applies the
 * conditions to the cluster entity before any ArgoCD call.
 */
export const EKS_DEPLOYMENT_RESOURCE_TYPE = 'eks-platform-deployment';

/** What a deployment policy's conditions are evaluated against. */
export interface EksDeploymentResource {
  /** The environment's preset: `dev`, `staging` or `production`. */
  preset: EnvironmentName;
  /** The entity whose applications these are. */
  name: string;
  /** Owning group entity ref. */
  owner: string;
}

export const eksPlatformDeploymentsSyncPermission = createPermission({
  name: 'eks-platform.deployments.sync',
  attributes: { action: 'update' },
  resourceType: EKS_DEPLOYMENT_RESOURCE_TYPE,
});

export const eksPlatformDeploymentsRollbackPermission = createPermission({
  name: 'eks-platform.deployments.rollback',
  attributes: { action: 'update' },
  resourceType: EKS_DEPLOYMENT_RESOURCE_TYPE,
});

export const eksPlatformDeploymentPermissions = [
  eksPlatformDeploymentsSyncPermission,
  eksPlatformDeploymentsRollbackPermission,
];
