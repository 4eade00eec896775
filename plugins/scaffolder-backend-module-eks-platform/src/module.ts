import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
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
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createPlanEnvironmentAction());
      },
    });
  },
});
