import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  createArgoCdDestroyAction,
  createArgoCdRegisterAction,
  readArgoCdInstances,
} from './actions/argocd';
import { createCatalogWaitAction } from './actions/catalog';
import { createClusterCreateAction } from './actions/cluster';
import { createEnvironmentDestroyAction } from './actions/destroy';
import { createNetworkCreateAction } from './actions/network';
import { createNodegroupsCreateAction } from './actions/nodegroup';
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
      },
      async init({ scaffolder, config, catalog }) {
        const aws = AwsClientFactory.fromConfig(config);
        const argocdInstances = readArgoCdInstances(config);
        scaffolder.addActions(
          createPlanEnvironmentAction(),
          createNetworkCreateAction({
            aws,
            vpcsPerRegion: config.getOptionalNumber(
              'eksPlatform.network.vpcsPerRegion',
            ),
          }),
          createClusterCreateAction({ aws }),
          createNodegroupsCreateAction({ aws }),
          createEnvironmentDestroyAction({ aws }),
          createArgoCdRegisterAction({ instances: argocdInstances }),
          createArgoCdDestroyAction({ instances: argocdInstances }),
          createCatalogWaitAction({ catalog }),
        );
      },
    });
  },
});
