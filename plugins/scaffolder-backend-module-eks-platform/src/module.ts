import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
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
      },
      async init({ scaffolder, config }) {
        const aws = AwsClientFactory.fromConfig(config);
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
        );
      },
    });
  },
});
