/** Starts a test backend that mounts only the SLO routes (tests only). */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { createSloRouter, SloRouterOverrides } from '..';

export async function startSloBackend(options: {
  prometheusBaseUrl?: string;
  entities?: Entity[];
  overrides?: SloRouterOverrides;
  catalog?: ReturnType<typeof catalogServiceMock.mock>;
}) {
  const plugin = createBackendPlugin({
    pluginId: 'eks-platform',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          cache: coreServices.cache,
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          httpAuth: coreServices.httpAuth,
          catalog: catalogServiceRef,
          permissions: coreServices.permissions,
          scheduler: coreServices.scheduler,
        },
        async init(deps) {
          deps.httpRouter.use(
            await createSloRouter(
              { ...deps, aws: AwsClientFactory.fromConfig(deps.config) },
              options.overrides,
            ),
          );
        },
      });
    },
  });
  return startTestBackend({
    features: [
      plugin,
      options.catalog?.factory ??
        catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({
        data: options.prometheusBaseUrl
          ? {
              eksPlatform: {
                prometheus: { baseUrl: options.prometheusBaseUrl },
              },
            }
          : {},
      }),
    ],
  });
}

/** A cluster entity with the SLO annotations the seeded clusters carry. */
export function clusterWithSlo(
  name: string,
  extra: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'eks-platform/slo-total': `http_requests_total{cluster="${name}",namespace="dpj"}`,
        'eks-platform/slo-bad': `http_requests_total{cluster="${name}",namespace="dpj",code=~"5.."}`,
        ...extra,
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
  };
}
