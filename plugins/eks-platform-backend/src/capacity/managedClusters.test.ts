/**
 * The capacity route and the Kubernetes backend against a registrant who points a
 * cluster entity at their own server: neither sends it a request, so the backend's EKS
 * token never leaves for it, while the clusters of catalog-info.yaml and of the EKS
 * catalog provider are still read.
 *
 * The real Kubernetes backend reaches clusters through an ES module that Jest cannot
 * load, so its cluster list is read from its `/clusters` route, and the route test's
 * proxy is a stand-in that picks the API server as the stock proxy does: the first
 * catalog entity of the cluster's name, at its `kubernetes.io/api-server`.
 */
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import {
  CapacityReport,
  clusterEntityFor,
  eksClusterProviderLocation,
} from '@internal/plugin-eks-platform-common';
import request from 'supertest';
import { kubernetesModuleEksPlatformClusters } from '../kubernetes';
import { eksPlatformPlugin } from '../plugin';
import {
  CapacityFixture,
  startCapacityFixture,
} from './__testUtils__/capacityFixture';
import {
  KubernetesProxyStandIn,
  startKubernetesProxyStandIn,
} from './__testUtils__/kubernetesProxyStandIn';

jest.setTimeout(60_000);

const REGION = 'eu-west-3';
const CATALOG_INFO_TARGET = '../../catalog-info.yaml';
const CATALOG_INFO_LOCATION = `file:${path.resolve(CATALOG_INFO_TARGET)}`;
const EVIL_LOCATION = 'url:https://evil.example/catalog-info.yaml';

/** The registrant's API server: answers like Kubernetes and records what it is sent. */
interface EvilServer {
  url: string;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

async function startEvilServer(): Promise<EvilServer> {
  const requests: EvilServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'List', items: [] }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function located(entity: Entity, location: string): Entity {
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
  };
  return entity;
}

/** A cluster entity with the annotations the Kubernetes backend reads. */
function apiServerEntity(options: {
  name: string;
  namespace?: string;
  accountId: string;
  url: string;
  caPem: string;
  location: string;
}): Entity {
  return located(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: options.name,
        namespace: options.namespace ?? 'default',
        annotations: {
          'eks-platform/region': REGION,
          'kubernetes.io/api-server': options.url,
          'kubernetes.io/api-server-certificate-authority': Buffer.from(
            options.caPem,
          ).toString('base64'),
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/x-k8s-aws-id': options.name,
          'kubernetes.io/aws-account-id': options.accountId,
        },
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/platform-team',
      },
    },
    options.location,
  );
}

describe('cluster entities the product does not manage', () => {
  let fixture: CapacityFixture;
  let evil: EvilServer;
  let entities: Entity[];

  beforeAll(async () => {
    [fixture, evil] = await Promise.all([
      startCapacityFixture(),
      startEvilServer(),
    ]);
    const endpoint = (name: string) => fixture.endpoints.get(name)!;
    const dev = endpoint('dpj-dev-cluster');
    const prod = endpoint('dpj-prod-cluster');
    entities = [
      // Listed first: the stock proxy picks the first cluster of a name.
      apiServerEntity({
        name: 'dpj-dev-cluster',
        namespace: 'evil',
        accountId: '111111111111',
        url: evil.url,
        caPem: dev.caPem,
        location: EVIL_LOCATION,
      }),
      apiServerEntity({
        name: 'evil-cluster',
        accountId: '111111111111',
        url: evil.url,
        caPem: dev.caPem,
        location: EVIL_LOCATION,
      }),
      // As catalog-info.yaml seeds it.
      apiServerEntity({
        name: 'dpj-dev-cluster',
        accountId: '111111111111',
        url: dev.url,
        caPem: dev.caPem,
        location: CATALOG_INFO_LOCATION,
      }),
      // As the EKS catalog provider discovers it.
      located(
        clusterEntityFor({
          clusterName: 'dpj-prod-cluster',
          environmentName: 'dpj',
          environment: 'production',
          accountId: '333333333333',
          region: REGION,
          endpoint: prod.url,
          certificateAuthority: Buffer.from(prod.caPem).toString('base64'),
          owner: 'group:default/platform-team',
        }),
        eksClusterProviderLocation({
          accountId: '333333333333',
          region: REGION,
        }),
      ),
    ];
  });
  afterAll(() => Promise.all([fixture?.close(), evil?.close()]));
  beforeEach(() => {
    evil.requests.length = 0;
  });

  /** The product's plugin, with the real Kubernetes backend or a proxy stand-in. */
  async function startBackend(
    kubernetes: BackendFeature[] | KubernetesProxyStandIn,
  ) {
    const { server } = await startTestBackend({
      features: [
        eksPlatformPlugin,
        ...(Array.isArray(kubernetes)
          ? kubernetes
          : [
              mockServices.discovery.mock({
                getBaseUrl: async pluginId =>
                  pluginId === 'kubernetes'
                    ? kubernetes.baseUrl
                    : `http://127.0.0.1/api/${pluginId}`,
              }).factory,
            ]),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            ...fixture.config,
            catalog: {
              locations: [{ type: 'file', target: CATALOG_INFO_TARGET }],
            },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                // The sandbox's and the registrant's servers are on loopback.
                { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
              ],
            },
          },
        }),
      ],
    });
    return server;
  }

  const getCapacity = (server: Parameters<typeof request>[0], ref: string) =>
    request(server)
      .get(`/api/eks-platform/capacity/${ref}`)
      .set('Authorization', mockCredentials.user.header());

  async function kubernetesClusterNames(features: BackendFeature[]) {
    const server = await startBackend(features);
    const response = await request(server)
      .get('/api/kubernetes/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ name: string }>)
      .map(c => c.name)
      .sort();
  }

  it('the capacity route refuses it before the Kubernetes proxy, which would call its server', async () => {
    // What the stock catalog locator and proxy would send the request to.
    const stockProxy = await startKubernetesProxyStandIn(name => {
      const entity = entities.find(e => e.metadata.name === name);
      const annotations = entity?.metadata.annotations ?? {};
      return entity
        ? {
            url: annotations['kubernetes.io/api-server'],
            caPem: Buffer.from(
              annotations['kubernetes.io/api-server-certificate-authority'],
              'base64',
            ).toString(),
          }
        : undefined;
    });
    try {
      const server = await startBackend(stockProxy);
      const response = await getCapacity(server, 'default/evil-cluster');
      // Its server received nothing, the backend's token included.
      expect(evil.requests).toEqual([]);
      expect(stockProxy.requests).toEqual([]);
      expect(response.status).toBe(404);
      expect(response.body.error).toEqual(
        expect.objectContaining({
          name: 'NotManagedClusterError',
          message: `resource:default/evil-cluster is not a managed cluster: its annotations come from ${EVIL_LOCATION}, which is not this product's EKS catalog provider or a configured catalog location`,
        }),
      );
    } finally {
      await stockProxy.close();
    }
  });

  it('the Kubernetes backend with the eks-platform cluster supplier lists only managed clusters', async () => {
    // The stock catalog locator takes every entity, the registrant's included.
    expect(await kubernetesClusterNames([kubernetesPlugin])).toEqual([
      'dpj-dev-cluster',
      'dpj-dev-cluster',
      'dpj-prod-cluster',
      'evil-cluster',
    ]);
    expect(
      await kubernetesClusterNames([
        kubernetesPlugin,
        kubernetesModuleEksPlatformClusters,
      ]),
    ).toEqual(['dpj-dev-cluster', 'dpj-prod-cluster']);
    expect(evil.requests).toHaveLength(0);
  });

  it.each([
    ['default/dpj-dev-cluster', 'catalog-info.yaml'],
    ['default/dpj-prod-cluster', 'the EKS catalog provider'],
  ])('still reports %s (from %s) with its Kubernetes side', async ref => {
    const server = await startBackend(fixture.kubernetes);
    const response = await getCapacity(server, ref);
    expect(response.status).toBe(200);
    const report = response.body as CapacityReport;
    expect(report.sources.aws).toEqual({ status: 'ok' });
    expect(report.sources.kubernetes).toEqual({ status: 'ok' });
    expect(report.totals.nodes).toBeGreaterThan(0);
  });
});
