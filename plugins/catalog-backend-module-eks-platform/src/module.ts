import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { DEFAULT_REGION } from '@internal/plugin-eks-platform-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { readDiscoveryTargets } from './discoveryConfig';
import { EksClusterEntityProvider } from './EksClusterEntityProvider';

const CONFIG_KEY = 'eksPlatform.catalog.clusterDiscovery';

/**
 * Adds the EKS cluster entity provider to the catalog when
 * `eksPlatform.catalog.clusterDiscovery` is configured.
 *
 * @public
 */
export const catalogModuleEksPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'eks-platform',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const discovery = config.getOptionalConfig(CONFIG_KEY);
        if (!discovery) return;
        const targets = readDiscoveryTargets(
          config,
          CONFIG_KEY,
          DEFAULT_REGION,
        );
        if (targets.length === 0) {
          logger.warn(
            `${CONFIG_KEY} is set but no account is configured (aws.accounts or ${CONFIG_KEY}.accountIds): EKS cluster discovery is off`,
          );
          return;
        }
        const scheduleConfig = discovery.getOptionalConfig('schedule');
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : {
              frequency: { minutes: 5 },
              timeout: { minutes: 3 },
              initialDelay: { seconds: 15 },
            };
        catalog.addEntityProvider(
          new EksClusterEntityProvider({
            aws: AwsClientFactory.fromConfig(config),
            targets,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
