/** A test backend mounting only the deployments routes, against a sandbox (tests only). */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type { Server } from 'node:http';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  CATALOG_INFO_LOCATION,
  CATALOG_INFO_TARGET,
} from '../../cost/__testUtils__/costFixture';
import { createDeploymentsRouter } from '../router';

export const ARGOCD_TOKEN = 'sandbox-argocd-token';
const ACCOUNTS = {
  dev: '111111111111',
  staging: '222222222222',
  prod: '333333333333',
};

/** A cluster entity as catalog-info.yaml declares the DPJ clusters. */
export function dpjCluster(
  short: 'dev' | 'staging' | 'prod',
  overrides: { owner?: string; annotations?: Record<string, string> } = {},
): Entity {
  const environment = short === 'prod' ? 'production' : short;
  const name = `dpj-${short}-cluster`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'eks-platform/environment': environment,
        'kubernetes.io/aws-account-id': ACCOUNTS[short],
        'argocd/app-selector': `eks-platform/environment-name=dpj-${short}`,
        'eks-platform/slo-objective': '99.9',
        'eks-platform/slo-total': `http_requests_total{cluster="${name}",namespace="dpj"}`,
        'eks-platform/slo-bad': `http_requests_total{cluster="${name}",namespace="dpj",code=~"5.."}`,
        'backstage.io/managed-by-location': CATALOG_INFO_LOCATION,
        'backstage.io/managed-by-origin-location': CATALOG_INFO_LOCATION,
        ...overrides.annotations,
      },
    },
    spec: {
      type: 'kubernetes-cluster',
      owner: overrides.owner ?? 'group:default/platform-team',
    },
  };
}

export interface Recorded {
  logs: unknown[];
  audits: unknown[];
}

export async function startDeploymentsBackend(options: {
  sandboxUrl: string;
  entities: Entity[];
  decide: () => PolicyDecision;
  token?: string;
  now?: () => Date;
}): Promise<{ server: Server; recorded: Recorded }> {
  const recorded: Recorded = { logs: [], audits: [] };
  const record =
    (into: unknown[]) =>
    (...args: unknown[]) => {
      into.push(args);
    };
  const logger = {
    info: record(recorded.logs),
    warn: record(recorded.logs),
    error: record(recorded.logs),
    debug: record(recorded.logs),
    child: () => logger,
  };
  const auditor = mockServices.auditor.mock({
    createEvent: async (event: unknown) => {
      recorded.audits.push(['create', event]);
      return {
        success: async (result?: unknown) => {
          recorded.audits.push(['success', result]);
        },
        fail: async (result: { error: Error; meta?: unknown }) => {
          recorded.audits.push(['fail', result.error.message, result.meta]);
        },
      };
    },
  });
  const permissions = mockServices.permissions.mock({
    authorizeConditional: jest.fn(async () => [options.decide()]) as any,
  });
  const plugin = createBackendPlugin({
    pluginId: 'eks-platform',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          config: coreServices.rootConfig,
          cache: coreServices.cache,
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          httpAuth: coreServices.httpAuth,
          catalog: catalogServiceRef,
          permissions: coreServices.permissions,
          scheduler: coreServices.scheduler,
          auditor: coreServices.auditor,
        },
        async init(deps) {
          deps.httpRouter.use(
            await createDeploymentsRouter(
              {
                ...deps,
                logger: logger as any,
                aws: AwsClientFactory.fromConfig(deps.config),
              },
              { now: options.now },
            ),
          );
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      plugin,
      auditor.factory,
      permissions.factory,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            locations: [{ type: 'file', target: CATALOG_INFO_TARGET }],
          },
          aws: {
            accounts: Object.values(ACCOUNTS).map(accountId => ({
              accountId,
              accessKeyId: `AKIDSANDBOX${accountId}`,
              secretAccessKey: 'sandbox',
            })),
          },
          eksPlatform: {
            argocd: {
              instances: [
                {
                  name: 'sandbox',
                  url: `${options.sandboxUrl}/argocd`,
                  token: options.token ?? ARGOCD_TOKEN,
                },
              ],
            },
            prometheus: { baseUrl: `${options.sandboxUrl}/prometheus` },
          },
        },
      }),
    ],
  });
  return { server: backend.server, recorded };
}
