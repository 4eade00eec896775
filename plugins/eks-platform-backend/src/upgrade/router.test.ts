import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_SANDBOX_ACCOUNTS,
  defaultSandboxServices,
  RunningSandbox,
  startSandbox,
} from '@internal/aws-sandbox';
import { UpgradeReadiness } from '@internal/plugin-eks-platform-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import request from 'supertest';
import {
  CATALOG_INFO_TARGET,
  clusterEntity,
} from '../cost/__testUtils__/costFixture';
import { createUpgradeRouter } from './router';

const ACCOUNTS = {
  dev: '111111111111',
  staging: '222222222222',
  production: '333333333333',
};

describe('GET /upgrade-readiness', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      timeScale: 0.001,
      ...defaultSandboxServices({ seed: true }),
    });
  });
  afterAll(() => sandbox.close());

  async function start() {
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
              await createUpgradeRouter({
                ...deps,
                aws: AwsClientFactory.fromConfig(deps.config),
              }),
            );
          },
        });
      },
    });
    const entities = [
      ...(['dev', 'staging', 'production'] as const).map(env =>
        clusterEntity({
          name: `dpj-${env === 'production' ? 'prod' : env}-cluster`,
          environment: env,
          accountId: ACCOUNTS[env],
        }),
      ),
      // An account the configuration has keys for, which AWS refuses.
      clusterEntity({
        name: 'lost-dev-cluster',
        environment: 'dev',
        accountId: '444444444444',
      }),
    ];
    const { server } = await startTestBackend({
      features: [
        plugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              locations: [{ type: 'file', target: CATALOG_INFO_TARGET }],
            },
            aws: {
              accounts: [
                ...Object.entries(DEFAULT_SANDBOX_ACCOUNTS).map(
                  ([accessKeyId, accountId]) => ({
                    accountId,
                    accessKeyId,
                    secretAccessKey: 'sandbox',
                  }),
                ),
                {
                  accountId: '444444444444',
                  accessKeyId: 'AKIDREVOKED',
                  secretAccessKey: 'sandbox',
                },
              ],
            },
            eksPlatform: { aws: { endpoint: sandbox.url } },
          },
        }),
      ],
    });
    return server;
  }

  it("reports staging's blocking finding and the prefilled upgrade form", async () => {
    const server = await start();
    const response = await request(server).get(
      '/api/eks-platform/upgrade-readiness/default/dpj-staging-cluster',
    );
    expect(response.status).toBe(200);
    const readiness = response.body as UpgradeReadiness;
    expect(readiness).toMatchObject({
      clusterName: 'dpj-staging-cluster',
      version: '1.35',
      versionStatus: 'STANDARD_SUPPORT',
      endOfStandardSupport: '2027-03-27',
      nextVersion: '1.36',
      insights: { error: 1, warning: 0, passing: 0, unknown: 0 },
      upgradeForm: {
        environment: 'staging',
        name: 'dpj-staging',
        account: '222222222222',
        region: 'eu-west-3',
        targetVersion: '1.36',
      },
    });
    const prod = (
      await request(server).get(
        '/api/eks-platform/upgrade-readiness/default/dpj-prod-cluster',
      )
    ).body as UpgradeReadiness;
    expect(prod.insights).toEqual({
      error: 0,
      warning: 0,
      passing: 1,
      unknown: 0,
    });
  });

  it('answers 503 naming AWS when the account refuses, and 404 for an entity that is not a cluster', async () => {
    const server = await start();
    const refused = await request(server).get(
      '/api/eks-platform/upgrade-readiness/default/lost-dev-cluster',
    );
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toMatch(
      /^EKS in 444444444444\/eu-west-3 did not answer for lost-dev-cluster: InvalidClientTokenId: /,
    );
    const response = await request(server).get(
      '/api/eks-platform/upgrade-readiness/default/nothing',
    );
    expect(response.status).toBe(404);
  });
});
