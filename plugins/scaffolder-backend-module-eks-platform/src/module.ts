import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { eksPlatformEnvironmentPermissions } from '@internal/plugin-eks-platform-common';
import {
  AwsClientFactory,
  eksEnvironmentPermissionRules,
  eksEnvironmentResourceRef,
  readEnvironmentAdmins,
} from '@internal/plugin-eks-platform-node';
import {
  DatabaseEnvironmentLeases,
  EnvironmentGuard,
  scaffolderTaskActivity,
} from './actions/access';
import {
  createArgoCdDestroyAction,
  createArgoCdRegisterAction,
  readArgoCdInstances,
} from './actions/argocd';
import { createCatalogWaitAction } from './actions/catalog';
import { createEnvironmentCheckAction } from './actions/check';
import { createClusterCreateAction } from './actions/cluster';
import { createEnvironmentDestroyAction } from './actions/destroy';
import { createNetworkCreateAction } from './actions/network';
import {
  createNodegroupsCreateAction,
  createScaleNodegroupsAction,
} from './actions/nodegroup';
import {
  backendErrorBudgetSource,
  createUpgradeClusterAction,
  readErrorBudgetFloor,
} from './actions/upgrade';
import { createPlanEnvironmentAction } from './actions/planEnvironment';

/**
 * Registers the EKS environment actions with the scaffolder.
 *
 * @public
 */
export const scaffolderModuleEksPlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'eks-platform',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init(deps) {
        const { scaffolder, config, catalog, permissionsRegistry } = deps;
        const aws = AwsClientFactory.fromConfig(config);
        const argocdInstances = readArgoCdInstances(config);
        permissionsRegistry.addResourceType({
          resourceRef: eksEnvironmentResourceRef,
          permissions: eksPlatformEnvironmentPermissions,
          rules: Object.values(eksEnvironmentPermissionRules),
        });
        const admins = readEnvironmentAdmins(config);
        const adminPrincipalAccounts = config.getOptionalStringArray(
          'eksPlatform.permissions.adminPrincipalAccounts',
        );
        const guard = new EnvironmentGuard({
          aws,
          permissions: deps.permissions,
          isAuthorized: createConditionAuthorizer(
            permissionsRegistry.getPermissionRuleset(eksEnvironmentResourceRef),
          ),
          leases: new DatabaseEnvironmentLeases(
            deps.database,
            scaffolderTaskActivity(deps),
          ),
          admins,
        });
        scaffolder.addActions(
          createPlanEnvironmentAction(),
          createEnvironmentCheckAction({
            guard,
            instances: argocdInstances,
            adminPrincipalAccounts,
          }),
          createNetworkCreateAction({
            aws,
            guard,
            vpcsPerRegion: config.getOptionalNumber(
              'eksPlatform.network.vpcsPerRegion',
            ),
          }),
          createClusterCreateAction({ aws, guard, adminPrincipalAccounts }),
          createNodegroupsCreateAction({ aws, guard }),
          createScaleNodegroupsAction({ aws, guard }),
          createUpgradeClusterAction({
            aws,
            guard,
            errorBudget: backendErrorBudgetSource(deps),
            errorBudgetFloorPercent: readErrorBudgetFloor(config),
            instances: argocdInstances,
          }),
          createEnvironmentDestroyAction({ aws, guard }),
          createArgoCdRegisterAction({ instances: argocdInstances, guard }),
          createArgoCdDestroyAction({ instances: argocdInstances, guard }),
          createCatalogWaitAction({ catalog }),
        );
      },
    });
  },
});
