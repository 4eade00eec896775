import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  ClusterEntityTrust,
  NotManagedClusterError,
} from './trustedClusterEntity';

const PROVIDER = 'eks-platform-clusters:111111111111/eu-west-3';
const SEEDED = 'file:/srv/backstage/catalog-info.yaml';

function cluster(
  location: string | undefined,
  options: { origin?: string; accountId?: string } = {},
): Entity {
  const origin = 'origin' in options ? options.origin : location;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'x',
      namespace: 'default',
      annotations: {
        ...(location ? { 'backstage.io/managed-by-location': location } : {}),
        ...(origin
          ? { 'backstage.io/managed-by-origin-location': origin }
          : {}),
        'kubernetes.io/aws-account-id': options.accountId ?? '111111111111',
      },
    },
    spec: { type: 'kubernetes-cluster' },
  };
}

describe('ClusterEntityTrust', () => {
  let trust: ClusterEntityTrust;

  beforeEach(() => {
    trust = ClusterEntityTrust.fromConfig(
      new ConfigReader({
        catalog: {
          locations: [
            { type: 'file', target: '../../catalog-info.yaml' },
            {
              type: 'url',
              target: 'https://git.example/platform/catalog-info.yaml',
            },
          ],
        },
        aws: {
          accounts: [
            {
              accountId: '111111111111',
              accessKeyId: 'AKID',
              secretAccessKey: 'secret',
            },
          ],
        },
        eksPlatform: {
          catalog: { clusterDiscovery: { accountIds: ['222222222222'] } },
        },
      }),
      // The backend runs from packages/backend, where app-config.yaml's targets resolve.
      '/srv/backstage/packages/backend',
    );
  });

  it("trusts the EKS catalog provider's entities and the configured locations' ones", () => {
    for (const location of [
      PROVIDER,
      SEEDED,
      'url:https://git.example/platform/catalog-info.yaml',
    ]) {
      expect(trust.verdict(cluster(location))).toEqual({ trusted: true });
    }
    // Accounts the provider is told to look in are configured accounts too.
    expect(
      trust.verdict(cluster(PROVIDER, { accountId: '222222222222' })),
    ).toEqual({ trusted: true });
    // Without an account annotation nothing AWS-side can be pointed elsewhere.
    const bare = cluster(SEEDED);
    delete bare.metadata.annotations!['kubernetes.io/aws-account-id'];
    expect(trust.verdict(bare)).toEqual({ trusted: true });
  });

  it('refuses any other location, naming it', () => {
    expect(
      trust.verdict(cluster('url:https://evil.example/catalog-info.yaml')),
    ).toEqual({
      trusted: false,
      reason:
        "resource:default/x is not a managed cluster: its annotations come from url:https://evil.example/catalog-info.yaml, which is not this product's EKS catalog provider or a configured catalog location",
    });
    // The same file name elsewhere on disk is another location.
    expect(trust.verdict(cluster('file:/tmp/catalog-info.yaml')).trusted).toBe(
      false,
    );
    expect(trust.verdict(cluster(undefined))).toMatchObject({
      trusted: false,
      reason: expect.stringContaining(
        'come from an unknown location (no backstage.io/managed-by-location annotation)',
      ),
    });
  });

  it('refuses a trusted file read through a location someone registered', () => {
    expect(
      trust.verdict(
        cluster(SEEDED, { origin: 'url:https://evil.example/location.yaml' }),
      ),
    ).toMatchObject({
      trusted: false,
      reason: expect.stringContaining(
        `come from ${SEEDED} (registered through url:https://evil.example/location.yaml)`,
      ),
    });
    expect(trust.verdict(cluster(SEEDED, { origin: undefined })).trusted).toBe(
      false,
    );
  });

  it('refuses an account the configuration does not list, even from a trusted location', () => {
    expect(
      trust.verdict(cluster(PROVIDER, { accountId: '999999999999' })),
    ).toEqual({
      trusted: false,
      reason:
        'resource:default/x is not a managed cluster: it names AWS account "999999999999", which is not configured (aws.accounts, eksPlatform.catalog.clusterDiscovery.accountIds)',
    });
  });

  it('throws a 404 NotManagedClusterError and partitions lists', () => {
    const evil = cluster('url:https://evil.example/catalog-info.yaml');
    let thrown: unknown;
    try {
      trust.assertManaged(evil);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotManagedClusterError);
    expect(thrown).toMatchObject({
      name: 'NotManagedClusterError',
      statusCode: 404,
    });
    expect(() => trust.assertManaged(cluster(PROVIDER))).not.toThrow();

    const managed = cluster(PROVIDER);
    const { trusted, untrusted } = trust.partition([managed, evil]);
    expect(trusted).toEqual([managed]);
    expect(untrusted).toEqual([
      {
        entity: evil,
        reason: expect.stringContaining('not a managed cluster'),
      },
    ]);
  });

  it('trusts no location and no account when none is configured', () => {
    const empty = ClusterEntityTrust.fromConfig(new ConfigReader({}));
    expect(empty.verdict(cluster(SEEDED)).trusted).toBe(false);
    expect(empty.verdict(cluster(PROVIDER)).trusted).toBe(false);
  });
});
