import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { kubernetesClusterSupplierExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';
import {
  readCatalogLocatorOptions,
  TrustedClusterSupplier,
} from './trustedClusterSupplier';

/**
 * Replaces the Kubernetes backend's catalog cluster locator with one that returns the
 * clusters the product manages only, so the backend never sends its token to an API
 * server named by an entity anyone could register.
 *
 * @public
 */
export const kubernetesModuleEksPlatformClusters = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'eks-platform-clusters',
  register(env) {
    env.registerInit({
      deps: {
        clusterSupplier: kubernetesClusterSupplierExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ clusterSupplier, catalog, auth, config, logger }) {
        const locator = readCatalogLocatorOptions(config);
        clusterSupplier.addClusterSupplier(
          new TrustedClusterSupplier({
            catalog,
            auth,
            logger,
            trust: ClusterEntityTrust.fromConfig(config),
            ...(locator ? { locator } : {}),
          }),
        );
      },
    });
  },
});
