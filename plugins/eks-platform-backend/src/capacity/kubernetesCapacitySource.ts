/**
 * Reads nodes, pods and node metrics of a cluster through the Kubernetes
 * backend's proxy, so its cluster configuration and AWS authentication are
 * reused and this plugin never holds cluster credentials itself.
 */
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  KubeNode,
  KubeNodeMetrics,
  KubePod,
  MetricsStatus,
  NodeFigures,
  summarizeNodes,
} from '@internal/plugin-eks-platform-common';

/** Header the Kubernetes backend's proxy reads to pick the cluster. */
export const KUBERNETES_CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

const PAGE_SIZE = 500;
const REQUEST_TIMEOUT_MS = 15_000;

export interface KubernetesCapacity {
  nodes: NodeFigures[];
  metrics: MetricsStatus;
}

interface KubeList<T> {
  items?: T[];
  metadata?: { continue?: string };
}

export class KubernetesRequestError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'KubernetesRequestError';
  }
}

export class KubernetesCapacitySource {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async read(clusterEntityName: string): Promise<KubernetesCapacity> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    const proxy = `${await this.discovery.getBaseUrl('kubernetes')}/proxy`;
    const get = <T>(path: string) =>
      this.list<T>(proxy, path, clusterEntityName, token);
    const [nodes, pods, metrics] = await Promise.all([
      get<KubeNode>('/api/v1/nodes'),
      get<KubePod>('/api/v1/pods'),
      get<KubeNodeMetrics>('/apis/metrics.k8s.io/v1beta1/nodes').then(
        items => ({ items }),
        (error: Error) => ({ error }),
      ),
    ]);
    const measured = 'items' in metrics ? metrics.items : [];
    return {
      nodes: summarizeNodes(nodes, pods, measured),
      metrics: metricsStatus(metrics),
    };
  }

  /** All pages of a list; a cluster with thousands of pods is read in chunks. */
  private async list<T>(
    proxy: string,
    path: string,
    cluster: string,
    token: string,
  ): Promise<T[]> {
    const items: T[] = [];
    let continueToken: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (continueToken) query.set('continue', continueToken);
      const response = await fetch(`${proxy}${path}?${query}`, {
        headers: {
          Authorization: `Bearer ${token}`,
          [KUBERNETES_CLUSTER_HEADER]: cluster,
          Accept: 'application/json',
        },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) {
        throw new KubernetesRequestError(
          `GET ${path} answered ${response.status} ${response.statusText}`,
          response.status,
        );
      }
      const page = (await response.json()) as KubeList<T>;
      items.push(...(page.items ?? []));
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return items;
  }
}

function metricsStatus(
  metrics: { items: KubeNodeMetrics[] } | { error: Error },
): MetricsStatus {
  if ('error' in metrics) {
    return {
      status: 'unavailable',
      reason: `metrics.k8s.io is not served: ${metrics.error.message}`,
    };
  }
  if (metrics.items.length === 0) {
    return {
      status: 'unavailable',
      reason: 'metrics.k8s.io reports no nodes (is metrics-server installed?)',
    };
  }
  return { status: 'ok' };
}
