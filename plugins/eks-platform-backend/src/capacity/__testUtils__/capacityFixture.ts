/**
 * A sandbox with the DPJ clusters (and optionally more), the matching cluster
 * entities, the config that points AWS clients at the sandbox, and the
 * Kubernetes proxy stand-in. Shared by the route tests and `bench/capacity`.
 */
import { EKSClient } from '@aws-sdk/client-eks';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  defaultSandboxServices,
  RunningSandbox,
  seedDpjEnvironment,
  startSandbox,
} from '@internal/aws-sandbox';
import {
  clusterName,
  eksClusterProviderLocation,
  EnvironmentName,
  presetFor,
} from '@internal/plugin-eks-platform-common';
import {
  ClusterEndpoint,
  describeClusterEndpoint,
  KubernetesProxyStandIn,
  startKubernetesProxyStandIn,
} from './kubernetesProxyStandIn';

interface FixtureCluster {
  name: string;
  accountId: string;
  accessKeyId: string;
}

export interface CapacityFixture {
  sandbox: RunningSandbox;
  kubernetes: KubernetesProxyStandIn;
  clusters: FixtureCluster[];
  /** Each cluster's API server and CA, as EKS DescribeCluster reports them. */
  endpoints: Map<string, ClusterEndpoint>;
  entities: Entity[];
  config: JsonObject;
  close(): Promise<void>;
}

const DPJ_CLUSTERS: FixtureCluster[] = [
  {
    name: 'dpj-dev-cluster',
    accountId: '111111111111',
    accessKeyId: 'AKIDSANDBOXDEV',
  },
  {
    name: 'dpj-staging-cluster',
    accountId: '222222222222',
    accessKeyId: 'AKIDSANDBOXSTAGING',
  },
  {
    name: 'dpj-prod-cluster',
    accountId: '333333333333',
    accessKeyId: 'AKIDSANDBOXPROD',
  },
];

const REGION = 'eu-west-3';
const PRESETS: EnvironmentName[] = ['dev', 'staging', 'production'];

/** Extra clusters, one account each, shaped like the DPJ presets in turn. */
function extraClusters(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const suffix = String(index + 1).padStart(2, '0');
    const environment = PRESETS[index % PRESETS.length];
    const spec = presetFor(environment, {
      name: `bench-${suffix}`,
      account: `4444444444${suffix}`,
    });
    return {
      spec,
      cluster: {
        name: clusterName(spec),
        accountId: spec.account,
        accessKeyId: `AKIDBENCH${suffix}`,
      },
    };
  });
}

/** A cluster entity as the EKS catalog provider emits it (the product manages it). */
export function clusterEntity(cluster: FixtureCluster): Entity {
  const location = eksClusterProviderLocation({
    accountId: cluster.accountId,
    region: REGION,
  });
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.name,
      namespace: 'default',
      annotations: {
        'kubernetes.io/x-k8s-aws-id': cluster.name,
        'kubernetes.io/aws-account-id': cluster.accountId,
        'eks-platform/region': REGION,
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
  };
}

export async function startCapacityFixture(
  options: { extraClusters?: number } = {},
): Promise<CapacityFixture> {
  const extras = extraClusters(options.extraClusters ?? 0);
  const clusters = [...DPJ_CLUSTERS, ...extras.map(extra => extra.cluster)];
  const services = defaultSandboxServices({ seed: true });
  const sandbox = await startSandbox({
    timeScale: 0.001,
    accounts: Object.fromEntries(
      clusters.map(c => [c.accessKeyId, c.accountId]),
    ),
    ...services,
    seed: context => {
      services.seed?.(context);
      const createdAt = context.clock.nowMillis() - 400 * 24 * 3600 * 1000;
      for (const extra of extras)
        seedDpjEnvironment(
          context,
          { ...extra.spec, clusterName: clusterName(extra.spec) },
          createdAt,
        );
    },
  });
  const endpoints = new Map<string, ClusterEndpoint>();
  for (const cluster of clusters) {
    const eks = new EKSClient({
      region: REGION,
      endpoint: sandbox.url,
      credentials: {
        accessKeyId: cluster.accessKeyId,
        secretAccessKey: 'sandbox',
      },
    });
    endpoints.set(
      cluster.name,
      await describeClusterEndpoint(eks, cluster.name),
    );
    eks.destroy();
  }
  const kubernetes = await startKubernetesProxyStandIn(endpoints);
  await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
  return {
    sandbox,
    kubernetes,
    clusters,
    endpoints,
    entities: clusters.map(clusterEntity),
    config: {
      aws: {
        accounts: clusters.map(c => ({
          accountId: c.accountId,
          accessKeyId: c.accessKeyId,
          secretAccessKey: 'sandbox',
        })),
      },
      eksPlatform: { aws: { endpoint: sandbox.url, maxAttempts: 2 } },
    },
    close: async () => {
      await kubernetes.close();
      await sandbox.close();
    },
  };
}

/** The sandbox's call log: AWS operations and Kubernetes requests it answered. */
export async function upstreamCalls(
  sandbox: RunningSandbox,
): Promise<Array<{ service: string; operation: string }>> {
  const response = await fetch(`${sandbox.url}/_sandbox/calls`);
  const body = (await response.json()) as {
    calls: Array<{ service: string; operation: string }>;
  };
  return body.calls;
}
