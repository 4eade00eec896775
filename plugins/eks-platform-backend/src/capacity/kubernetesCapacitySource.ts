/**
 * Reads nodes, pods and node metrics of a cluster through the Kubernetes
 * backend's proxy, so its cluster configuration and AWS authentication are
 * reused and this plugin never holds cluster credentials itself.
 */
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parse as parseYaml } from 'yaml';
import {
  AutoscalerInputs,
  AutoscalerStatusDocument,
  KubeEvent,
  KubeNode,
  KubeNodeMetrics,
  KubePod,
  MetricsStatus,
  NodeFigures,
  PendingPod,
  pendingPodsOf,
  summarizeNodes,
} from '@internal/plugin-eks-platform-common';

/** Header the Kubernetes backend's proxy reads to pick the cluster. */
export const KUBERNETES_CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

const PAGE_SIZE = 500;
const REQUEST_TIMEOUT_MS = 15_000;

/** Where the Cluster Autoscaler publishes its status (its `--status-config-map-name`). */
const AUTOSCALER_STATUS =
  '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status';

export interface KubernetesCapacity {
  nodes: NodeFigures[];
  metrics: MetricsStatus;
  pendingPods: PendingPod[];
  autoscaler: AutoscalerInputs;
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
    const get = <T>(path: string, query?: Record<string, string>) =>
      this.list<T>(proxy, path, clusterEntityName, token, query);
    const [nodes, pods, metrics, autoscaler] = await Promise.all([
      get<KubeNode>('/api/v1/nodes'),
      get<KubePod>('/api/v1/pods'),
      get<KubeNodeMetrics>('/apis/metrics.k8s.io/v1beta1/nodes').then(
        items => ({ items }),
        (error: Error) => ({ error }),
      ),
      this.autoscalerStatus(proxy, clusterEntityName, token),
    ]);
    const measured = 'items' in metrics ? metrics.items : [];
    return {
      nodes: summarizeNodes(nodes, pods, measured),
      metrics: metricsStatus(metrics),
      pendingPods: pendingPodsOf(pods),
      autoscaler: {
        ...(autoscaler ? { document: autoscaler } : {}),
        events: autoscaler
          ? await get<KubeEvent>('/api/v1/namespaces/kube-system/events', {
              fieldSelector:
                'involvedObject.kind=ConfigMap,involvedObject.name=cluster-autoscaler-status',
            })
          : [],
      },
    };
  }

  /** The autoscaler's status document, or undefined when no autoscaler publishes one. */
  private async autoscalerStatus(
    proxy: string,
    cluster: string,
    token: string,
  ): Promise<AutoscalerStatusDocument | undefined> {
    const response = await this.fetchPath(
      proxy,
      AUTOSCALER_STATUS,
      cluster,
      token,
    );
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new KubernetesRequestError(
        `GET ${AUTOSCALER_STATUS} answered ${response.status} ${response.statusText}`,
        response.status,
      );
    }
    const configMap = (await response.json()) as {
      data?: Record<string, string>;
    };
    const document = parseYaml(configMap.data?.status ?? '') as unknown;
    return typeof document === 'object' && document !== null
      ? (document as AutoscalerStatusDocument)
      : {};
  }

  private fetchPath(
    proxy: string,
    path: string,
    cluster: string,
    token: string,
  ): Promise<Response> {
    return fetch(`${proxy}${path}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        [KUBERNETES_CLUSTER_HEADER]: cluster,
        Accept: 'application/json',
      },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  }

  /** All pages of a list; a cluster with thousands of pods is read in chunks. */
  private async list<T>(
    proxy: string,
    path: string,
    cluster: string,
    token: string,
    extra: Record<string, string> = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let continueToken: string | undefined;
    do {
      const query = new URLSearchParams({
        ...extra,
        limit: String(PAGE_SIZE),
      });
      if (continueToken) query.set('continue', continueToken);
      const response = await this.fetchPath(
        proxy,
        `${path}?${query}`,
        cluster,
        token,
      );
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
