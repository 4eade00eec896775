import { createPermission } from '@backstage/plugin-permission-common';
import type { EnvironmentName } from '../environment/types';

/**
 * Creating, changing and destroying environments are resource permissions on the
 * environment an action is about to touch: a policy can answer "yes for dev and staging"
 * with a condition (the preset), which the scaffolder module applies to the environment
 * before its first AWS call.
 */
export const EKS_ENVIRONMENT_RESOURCE_TYPE = 'eks-platform-environment';

/** What a policy's conditions are evaluated against: the environment an action targets. */
export interface EksEnvironmentResource {
  /** The preset: `dev`, `staging` or `production`. */
  preset: EnvironmentName;
  name: string;
  account: string;
  region: string;
  /** Owning group entity ref. */
  owner: string;
}

/** Creating an environment, or adding to one (network, cluster, node groups, ArgoCD). */
export const eksPlatformEnvironmentCreatePermission = createPermission({
  name: 'eks-platform.environment.create',
  attributes: { action: 'create' },
  resourceType: EKS_ENVIRONMENT_RESOURCE_TYPE,
});

/** Destroying an environment: its ArgoCD applications and its AWS resources. */
export const eksPlatformEnvironmentDeletePermission = createPermission({
  name: 'eks-platform.environment.delete',
  attributes: { action: 'delete' },
  resourceType: EKS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Taking over an environment another task created (`adopt: true`): its cluster, roles
 * and applications then answer to the adopting task.
 */
export const eksPlatformEnvironmentAdoptPermission = createPermission({
  name: 'eks-platform.environment.adopt',
  attributes: { action: 'update' },
  resourceType: EKS_ENVIRONMENT_RESOURCE_TYPE,
});

export const eksPlatformEnvironmentPermissions = [
  eksPlatformEnvironmentCreatePermission,
  eksPlatformEnvironmentDeletePermission,
  eksPlatformEnvironmentAdoptPermission,
];
