import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  EKS_DEPLOYMENT_RESOURCE_TYPE,
  EKS_ENVIRONMENT_RESOURCE_TYPE,
  eksPlatformCostReadPermission,
} from '@internal/plugin-eks-platform-common';
import {
  createEksDeploymentConditionalDecision,
  createEksEnvironmentConditionalDecision,
  eksDeploymentConditions,
  EnvironmentAdmins,
  eksEnvironmentConditions,
  readEnvironmentAdmins,
} from '@internal/plugin-eks-platform-node';

/** Groups granted `eks-platform.cost.read` when `eksPlatform.permissions.costReaders` is unset. */
export const DEFAULT_COST_READERS: readonly string[] = [
  'group:default/finance',
  'group:default/platform-team',
];

/** Reads `eksPlatform.permissions.costReaders`, normalised to lower case. */
export function readCostReaders(config: Config): string[] {
  const configured = config.getOptionalStringArray(
    'eksPlatform.permissions.costReaders',
  );
  return (configured ?? DEFAULT_COST_READERS).map(ref => ref.toLowerCase());
}

/**
 * The product's permission policy.
 *
 * - `eks-platform.cost.read` (a cluster's cost tab, the finance page): ALLOW only
 *   to a signed-in user whose ownership entity refs (the user and the groups it is
 *   a member of) include one of the configured cost readers; DENY otherwise,
 *   including requests that carry no user.
 * - `eks-platform.environment.create`, `.delete` and `.adopt` (the scaffolder actions
 *   that create, destroy or take over an environment): ALLOW to the production admins;
 *   to the environment admins, only for dev and staging environments owned by one of
 *   their groups (a condition the scaffolder module applies to the environment); DENY to
 *   everyone else, including requests that carry no user.
 * - `eks-platform.deployments.sync` and `.rollback` (a cluster page's Deployments tab):
 *   ALLOW to the production admins; to anyone else only on dev and staging environments
 *   owned by one of their groups (a condition the eks-platform backend applies to the
 *   cluster entity); DENY to requests that carry no user.
 * - Every other permission: ALLOW, as the allow-all policy this replaces did. This
 *   keeps the stock plugins (catalog, scaffolder, techdocs, search, notifications,
 *   Kubernetes, ...) working as before, including `kubernetes.proxy`, which the
 *   eks-platform backend calls as a service to read nodes and pods.
 */
export class EksPlatformPermissionPolicy implements PermissionPolicy {
  private readonly costReaders: ReadonlySet<string>;
  private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>;
  private readonly admins: EnvironmentAdmins;

  constructor(options: {
    costReaders: readonly string[];
    userInfo: Pick<UserInfoService, 'getUserInfo'>;
    admins: EnvironmentAdmins;
  }) {
    this.costReaders = new Set(options.costReaders.map(r => r.toLowerCase()));
    this.userInfo = options.userInfo;
    this.admins = options.admins;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, eksPlatformCostReadPermission)) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      const isCostReader = ownershipEntityRefs.some(ref =>
        this.costReaders.has(ref.toLowerCase()),
      );
      return {
        result: isCostReader ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (
      isResourcePermission(request.permission, EKS_ENVIRONMENT_RESOURCE_TYPE)
    ) {
      return this.environmentDecision(request.permission, user);
    }
    if (
      isResourcePermission(request.permission, EKS_DEPLOYMENT_RESOURCE_TYPE)
    ) {
      return this.deploymentDecision(request.permission, user);
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private deploymentDecision(
    permission: ResourcePermission<typeof EKS_DEPLOYMENT_RESOURCE_TYPE>,
    user?: PolicyQueryUser,
  ): PolicyDecision {
    return deploymentDecisionFor(
      this.admins.productionAdmins,
      permission,
      user,
    );
  }

  private environmentDecision(
    permission: ResourcePermission<typeof EKS_ENVIRONMENT_RESOURCE_TYPE>,
    user?: PolicyQueryUser,
  ): PolicyDecision {
    if (!user) return { result: AuthorizeResult.DENY };
    const refs = user.info.ownershipEntityRefs.map(r => r.toLowerCase());
    const isIn = (groups: string[]) => refs.some(r => groups.includes(r));
    if (isIn(this.admins.productionAdmins)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isIn(this.admins.environmentAdmins)) {
      return createEksEnvironmentConditionalDecision(permission, {
        allOf: [
          eksEnvironmentConditions.isEnvironmentPreset({
            presets: ['dev', 'staging'],
          }),
          eksEnvironmentConditions.isEnvironmentOwnedBy({ owners: refs }),
        ],
      });
    }
    return { result: AuthorizeResult.DENY };
  }
}

/** Sync and rollback: the owning group on dev and staging, the production admins anywhere. */
function deploymentDecisionFor(
  productionAdmins: string[],
  permission: ResourcePermission<typeof EKS_DEPLOYMENT_RESOURCE_TYPE>,
  user?: PolicyQueryUser,
): PolicyDecision {
  if (!user) return { result: AuthorizeResult.DENY };
  const refs = user.info.ownershipEntityRefs.map(r => r.toLowerCase());
  if (refs.some(r => productionAdmins.includes(r))) {
    return { result: AuthorizeResult.ALLOW };
  }
  return createEksDeploymentConditionalDecision(permission, {
    allOf: [
      eksDeploymentConditions.isEnvironmentPreset({
        presets: ['dev', 'staging'],
      }),
      eksDeploymentConditions.isEnvironmentOwnedBy({ owners: refs }),
    ],
  });
}

/** Installs {@link EksPlatformPermissionPolicy} in the permission backend. */
export const permissionModuleEksPlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'eks-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const costReaders = readCostReaders(config);
        const admins = readEnvironmentAdmins(config);
        logger.info(
          `eks-platform.cost.read is granted to ${costReaders.join(
            ', ',
          )}; environments: dev and staging to ${admins.environmentAdmins.join(
            ', ',
          )} for their groups, all to ${admins.productionAdmins.join(', ')}`,
        );
        policy.setPolicy(
          new EksPlatformPermissionPolicy({ costReaders, userInfo, admins }),
        );
      },
    });
  },
});

export default permissionModuleEksPlatformPolicy;
