import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './router';

/**
 * The EKS platform backend: capacity, SLO and cost routes for cluster entities.
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
      },
      async init({ httpRouter, logger }) {
        httpRouter.use(await createRouter({ logger }));
        // Health is probed by load balancers and the dev tooling without a user.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
