import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_SANDBOX_ACCOUNTS,
  defaultSandboxServices,
  RunningSandbox,
  seedDpjEnvironment,
  startSandbox,
} from '@internal/aws-sandbox';
import {
  clusterName,
  presetFor,
  readEksClusterRef,
} from '@internal/plugin-eks-platform-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { EksClusterEntityProvider } from './EksClusterEntityProvider';

/** An environment as the template leaves it: tagged with its name and the task id. */
const created = presetFor('dev', {
  name: 'acme-dev',
  owner: 'group:default/acme-team',
  tags: {
    environment: 'dev',
    project: 'acme',
    'cost-center': 'CC-42',
    owner: 'group:default/acme-team',
    'eks-platform:environment-name': 'acme-dev',
    'eks-platform:task-id': 'task-42',
  },
});

function accountsConfig(sandbox: RunningSandbox) {
  return mockServices.rootConfig({
    data: {
      aws: {
        accounts: Object.entries(DEFAULT_SANDBOX_ACCOUNTS).map(
          ([accessKeyId, accountId]) => ({
            accountId,
            accessKeyId,
            secretAccessKey: 'sandbox',
          }),
        ),
      },
      eksPlatform: { aws: { endpoint: sandbox.url, maxAttempts: 2 } },
    },
  });
}

type FullMutation = Extract<
  Parameters<EntityProviderConnection['applyMutation']>[0],
  { type: 'full' }
>;

function recordingConnection() {
  const mutations: FullMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      if (mutation.type !== 'full') {
        throw new Error(`expected full mutations, got ${mutation.type}`);
      }
      mutations.push(mutation);
    },
    refresh: async () => {},
  };
  return { connection, mutations };
}

describe('EksClusterEntityProvider', () => {
  let sandbox: RunningSandbox;
  let provider: EksClusterEntityProvider;
  let mutations: ReturnType<typeof recordingConnection>['mutations'];

  beforeAll(async () => {
    const services = defaultSandboxServices({ seed: true });
    sandbox = await startSandbox({
      port: 0,
      kubernetesPort: 0,
      timeScale: 0.001,
      accounts: DEFAULT_SANDBOX_ACCOUNTS,
      ...services,
      seed: context => {
        // The three DPJ clusters, registered by hand in catalog-info.yaml...
        services.seed?.(context);
        // ...and one the environment template created.
        seedDpjEnvironment(
          context,
          { ...created, clusterName: clusterName(created) },
          Date.now(),
        );
      },
    });
    const recording = recordingConnection();
    mutations = recording.mutations;
    provider = new EksClusterEntityProvider({
      aws: AwsClientFactory.fromConfig(accountsConfig(sandbox)),
      targets: Object.values(DEFAULT_SANDBOX_ACCOUNTS).map(accountId => ({
        accountId,
        region: 'eu-west-3',
      })),
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
    });
    await provider.connect(recording.connection);
  });

  afterAll(() => sandbox.close());

  it('registers the clusters the template created, and only those', async () => {
    await expect(provider.refresh()).resolves.toBe(1);
    const mutation = mutations[mutations.length - 1];
    expect(mutation.type).toBe('full');
    const entities = mutation.entities.map(e => e.entity);
    expect(entities.map(e => e.metadata.name)).toEqual(['acme-dev-cluster']);
  });

  it('describes the cluster with what the Kubernetes plugin and the cards read', async () => {
    await provider.refresh();
    const [{ entity, locationKey }] = mutations[mutations.length - 1].entities;
    expect(locationKey).toBe('eks-platform-clusters');
    expect(entity.kind).toBe('Resource');
    expect(entity.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/acme-team',
      lifecycle: 'development',
      system: 'acme',
    });
    const annotations = entity.metadata.annotations!;
    expect(annotations['kubernetes.io/auth-provider']).toBe('aws');
    expect(annotations['kubernetes.io/api-server']).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/k8s\/111111111111\/eu-west-3\/acme-dev-cluster$/,
    );
    expect(
      Buffer.from(
        annotations['kubernetes.io/api-server-certificate-authority'],
        'base64',
      ).toString(),
    ).toContain('BEGIN CERTIFICATE');
    expect(annotations['eks-platform/cost-allocation-tags']).toBe(
      'eks-platform:environment-name=acme-dev',
    );
    expect(annotations['eks-platform/slo-objective']).toBe('99.9');
    expect(annotations['backstage.io/managed-by-location']).toBe(
      'eks-platform-clusters:111111111111/eu-west-3',
    );
    expect(readEksClusterRef(entity)).toEqual({
      entityName: 'acme-dev-cluster',
      clusterName: 'acme-dev-cluster',
      accountId: '111111111111',
      region: 'eu-west-3',
      environment: 'dev',
      kubernetesVersion: created.kubernetesVersion,
      apiServer: annotations['kubernetes.io/api-server'],
    });
    expect(entity.metadata.links).toEqual([
      {
        url: 'https://eu-west-3.console.aws.amazon.com/eks/home?region=eu-west-3#/clusters/acme-dev-cluster',
        title: 'AWS console',
        icon: 'cloud',
      },
    ]);
  });

  it('leaves the catalog unchanged when an account cannot be read', async () => {
    const before = mutations.length;
    const broken = new EksClusterEntityProvider({
      aws: AwsClientFactory.fromConfig(accountsConfig(sandbox)),
      targets: [{ accountId: '999999999999', region: 'eu-west-3' }],
      logger: mockServices.logger.mock(),
      taskRunner: { run: async () => {} },
    });
    await broken.connect(recordingConnection().connection);
    await expect(broken.refresh()).rejects.toThrow();
    expect(mutations).toHaveLength(before);
  });
});
