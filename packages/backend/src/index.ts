import { createBackend } from '@backstage/backend-defaults';
import { kubernetesModuleEksPlatformClusters } from '@internal/plugin-eks-platform-backend';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Scaffolder, with this product's EKS environment actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@internal/plugin-scaffolder-backend-module-eks-platform'));

// EKS platform routes: capacity, SLO and cost of cluster entities.
backend.add(import('@internal/plugin-eks-platform-backend'));

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Development only: sign in as a catalog user (x-development-user header). Registered
// only where auth.providers.development is configured; refuses to start in production.
backend.add(import('./modules/developmentSignIn'));

// Events reach every replica (catalog, signals), not just the one they were sent on.
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// A kubernetes-cluster entity for every EKS cluster the environment template created.
backend.add(import('@internal/plugin-catalog-backend-module-eks-platform'));

backend.add(import('@backstage/plugin-permission-backend'));
// eks-platform.cost.read for the cost-reader groups only; everything else allowed.
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// The stock Kubernetes plugin, locating clusters from kubernetes-cluster entities.
backend.add(import('@backstage/plugin-kubernetes-backend'));
// ...of the entities the product manages only: its EKS catalog provider's and those of
// catalog.locations, in configured accounts (replaces the stock catalog locator).
backend.add(kubernetesModuleEksPlatformClusters);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
