/** What the caller may do on a target's applications, decided by the permission policy. */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  DeploymentActions,
  EKS_DEPLOYMENT_RESOURCE_TYPE,
  EksDeploymentResource,
  eksPlatformDeploymentsRollbackPermission,
  eksPlatformDeploymentsSyncPermission,
} from '@internal/plugin-eks-platform-common';
import { eksDeploymentPermissionRules } from '@internal/plugin-eks-platform-node';
import { DeploymentTarget, resourceOf } from './deploymentTarget';

const isAuthorized = createConditionAuthorizer(
  Object.values(eksDeploymentPermissionRules),
);

export class DeploymentPermissions {
  constructor(private readonly permissions: PermissionsService) {}

  async allowed(
    permission: ResourcePermission<typeof EKS_DEPLOYMENT_RESOURCE_TYPE>,
    credentials: BackstageCredentials,
    resource: EksDeploymentResource,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.CONDITIONAL
      ? isAuthorized(decision, resource)
      : decision.result === AuthorizeResult.ALLOW;
  }

  async actionsFor(
    credentials: BackstageCredentials,
    found: DeploymentTarget,
  ): Promise<DeploymentActions> {
    if (!found.cluster) {
      return {
        sync: false,
        rollback: false,
        reason: "Sync and roll back from the environment's cluster page",
      };
    }
    const resource = resourceOf(found);
    const [sync, rollback] = await Promise.all([
      this.allowed(eksPlatformDeploymentsSyncPermission, credentials, resource),
      this.allowed(
        eksPlatformDeploymentsRollbackPermission,
        credentials,
        resource,
      ),
    ]);
    return {
      sync,
      rollback,
      ...(sync && rollback
        ? {}
        : {
            reason: `The permission policy lets the ${
              resource.preset
            } environment's deployments be changed by ${
              resource.preset === 'production'
                ? 'the production admins'
                : `members of ${resource.owner} and the production admins`
            }`,
          }),
    };
  }
}
