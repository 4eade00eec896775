import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  eksPlatformDeploymentPermissions,
  eksPlatformPermissions,
} from '@internal/plugin-eks-platform-common';
import {
  AwsClientFactory,
  eksDeploymentPermissionRules,
  eksDeploymentResourceRef,
} from '@internal/plugin-eks-platform-node';
import { createRouter } from './router';
import { DatabaseLeases } from './shared/databaseLeases';

/**
 * The EKS platform backend: capacity, SLO, cost and deployments routes for cluster entities.
 *
 * @public
 */
export const eksPlatformPlugin = createBackendPlugin({
  pluginId: 'eks-platform',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        cache: coreServices.cache,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        httpAuth: coreServices.httpAuth,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({ permissionsRegistry, database, ...deps }) {
        permissionsRegistry.addPermissions(eksPlatformPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: eksDeploymentResourceRef,
          permissions: eksPlatformDeploymentPermissions,
          rules: Object.values(eksDeploymentPermissionRules),
        });
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            aws: AwsClientFactory.fromConfig(deps.config),
            leases: await DatabaseLeases.create(database),
          }),
        );
        // Health is probed by load balancers and the dev tooling without a user.
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
