import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';
import {
  CatalogLocatorOptions,
  readCatalogLocatorOptions,
  TrustedClusterSupplier,
} from './trustedClusterSupplier';

const PROVIDER = 'eks-platform-clusters:333333333333/eu-west-3';
const EVIL = 'url:https://evil.example/catalog-info.yaml';
const CA = Buffer.from('-----BEGIN CERTIFICATE-----').toString('base64');

function cluster(
  name: string,
  location: string,
  annotations: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace,
      title: `${name} title`,
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'kubernetes.io/api-server': `https://${name}.eks.amazonaws.com`,
        'kubernetes.io/api-server-certificate-authority': CA,
        'kubernetes.io/auth-provider': 'aws',
        'kubernetes.io/x-k8s-aws-id': name,
        'kubernetes.io/aws-account-id': '333333333333',
        ...annotations,
      },
    },
    spec: { type: 'kubernetes-cluster' },
  };
}

const trust = ClusterEntityTrust.fromConfig(
  new ConfigReader({
    aws: {
      accounts: [
        {
          accountId: '333333333333',
          accessKeyId: 'AKID',
          secretAccessKey: 'secret',
        },
      ],
    },
  }),
);

function supplier(entities: Entity[], locator?: CatalogLocatorOptions) {
  const logger = mockServices.logger.mock();
  const catalog = catalogServiceMock({ entities });
  jest.spyOn(catalog, 'getEntities');
  return {
    logger,
    catalog,
    supplier: new TrustedClusterSupplier({
      catalog,
      auth: mockServices.auth(),
      logger,
      trust,
      ...(locator ? { locator } : {}),
    }),
  };
}

const credentials = mockCredentials.service();

describe('TrustedClusterSupplier', () => {
  it('returns the managed clusters as the stock catalog locator details them', async () => {
    const { supplier: clusters, catalog } = supplier([
      cluster('dpj-prod-cluster', PROVIDER, {
        'kubernetes.io/dashboard-url': 'https://console.aws.amazon.com/eks',
        'kubernetes.io/dashboard-app': 'eks',
        'kubernetes.io/skip-metrics-lookup': 'true',
        // Ignored: a token is never taken from an annotation.
        serviceAccountToken: 'nope',
        'eks-platform/region': 'eu-west-3',
      }),
    ]);
    expect(await clusters.getClusters({ credentials })).toEqual([
      {
        name: 'dpj-prod-cluster',
        title: 'dpj-prod-cluster title',
        url: 'https://dpj-prod-cluster.eks.amazonaws.com',
        caData: CA,
        authMetadata: {
          'kubernetes.io/api-server':
            'https://dpj-prod-cluster.eks.amazonaws.com',
          'kubernetes.io/api-server-certificate-authority': CA,
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/x-k8s-aws-id': 'dpj-prod-cluster',
          'kubernetes.io/aws-account-id': '333333333333',
          'kubernetes.io/dashboard-url': 'https://console.aws.amazon.com/eks',
          'kubernetes.io/dashboard-app': 'eks',
          'kubernetes.io/skip-metrics-lookup': 'true',
        },
        skipMetricsLookup: true,
        skipTLSVerify: false,
        dashboardUrl: 'https://console.aws.amazon.com/eks',
        dashboardApp: 'eks',
      },
    ]);
    // With the caller's credentials, so catalog permissions apply.
    expect(catalog.getEntities).toHaveBeenCalledWith(
      { filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' } },
      { credentials },
    );
  });

  it('drops clusters of any other location, those of the same name included, and logs each once', async () => {
    const { supplier: clusters, logger } = supplier([
      // Listed first: the Kubernetes proxy takes the first cluster of a name.
      cluster(
        'dpj-prod-cluster',
        EVIL,
        { 'kubernetes.io/api-server': 'https://evil.example' },
        'evil',
      ),
      cluster('evil-cluster', EVIL),
      cluster('dpj-prod-cluster', PROVIDER),
      cluster('other-account', PROVIDER, {
        'kubernetes.io/aws-account-id': '999999999999',
      }),
    ]);
    const names = async () =>
      (await clusters.getClusters({ credentials })).map(c => [c.name, c.url]);
    expect(await names()).toEqual([
      ['dpj-prod-cluster', 'https://dpj-prod-cluster.eks.amazonaws.com'],
    ]);
    expect(await names()).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledTimes(3);
    expect(logger.warn).toHaveBeenCalledWith(
      `Kubernetes clusters: ignoring resource:default/evil-cluster is not a managed cluster: its annotations come from ${EVIL}, which is not this product's EKS catalog provider or a configured catalog location`,
    );
  });

  it('keeps the stock rules on what a managed entity may ask for', async () => {
    const { supplier: strict } = supplier([
      cluster('plain-http', PROVIDER, {
        'kubernetes.io/api-server': 'http://127.0.0.1:4567/k8s',
      }),
      cluster('with-credentials', PROVIDER, {
        'kubernetes.io/api-server': 'https://user:pass@host.example',
      }),
      cluster('service-account', PROVIDER, {
        'kubernetes.io/auth-provider': 'serviceAccount',
      }),
      cluster('skips-tls', PROVIDER, {
        'kubernetes.io/skip-tls-verify': 'true',
      }),
    ]);
    expect(
      (await strict.getClusters({ credentials })).map(c => [
        c.name,
        c.skipTLSVerify,
      ]),
    ).toEqual([['skips-tls', false]]);

    const { supplier: allowing } = supplier(
      [
        cluster('plain-http', PROVIDER, {
          'kubernetes.io/api-server': 'http://127.0.0.1:4567/k8s',
        }),
        cluster('skips-tls', PROVIDER, {
          'kubernetes.io/skip-tls-verify': 'true',
        }),
      ],
      {
        dangerouslyAllowClusterUrls: ['127.0.0.1'],
        dangerouslyAllowSkipTLSVerify: true,
      },
    );
    expect(
      (await allowing.getClusters({ credentials })).map(c => [
        c.name,
        c.skipTLSVerify,
      ]),
    ).toEqual([
      ['plain-http', false],
      ['skips-tls', true],
    ]);
  });
});

describe('readCatalogLocatorOptions', () => {
  it("reads the catalog method's options", () => {
    expect(
      readCatalogLocatorOptions(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
            ],
          },
        }),
      ),
    ).toEqual({
      dangerouslyAllowClusterUrls: ['127.0.0.1'],
      dangerouslyAllowSkipTLSVerify: undefined,
    });
    expect(readCatalogLocatorOptions(new ConfigReader({}))).toBeUndefined();
  });

  it('fails the start beside a locator method it would silently replace', () => {
    expect(() =>
      readCatalogLocatorOptions(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'catalog' },
              { type: 'config', clusters: [] },
            ],
          },
        }),
      ),
    ).toThrow(
      'kubernetes.clusterLocatorMethods: the eks-platform cluster supplier replaces the catalog locator and cannot run beside config',
    );
  });
});
