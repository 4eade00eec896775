/**
 * The Kubernetes API of every emulated EKS cluster, at
 * `/k8s/<accountId>/<region>/<clusterName>` (the endpoint DescribeCluster reports).
 * Read-only but for PodDisruptionBudgets, which EKS's node updates honour
 * (`disruptionBudgets.ts`): nodes and pods derive from the inventory's node groups,
 * other resources list empty.
 */
import type { CoreV1Event, V1Node, V1Pod } from '@kubernetes/client-node';
import type { ClusterInventory, InventoryReader } from '../../core/inventory';
import {
  HttpService,
  jsonResponse,
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
} from '../../core/types';
import {
  apiGroups,
  apiVersions,
  emptyList,
  statusObject,
  versionOf,
} from './discovery';
import { renderNamespace, renderNode, renderPod } from './kubernetesObjects';
import {
  fieldFilter,
  labelFilter,
  ListQueryError,
  paginate,
} from './listQuery';
import { nodesOf } from './nodeModel';
import {
  EvictionBlock,
  evictionBlocks,
  serveDisruptionBudgets,
} from './disruptionBudgets';
import { placePods } from './podPlacement';
import { metricsServed, NodeMetrics, nodeMetrics } from './nodeMetrics';
import {
  AutoscalerHistory,
  renderAutoscalerEvents,
  renderPendingPods,
  renderStatusConfigMap,
} from './clusterAutoscaler';

export interface KubernetesServiceOptions {
  /** The history of the Cluster Autoscaler running on a cluster; undefined where none runs. */
  autoscalerOf?(
    cluster: ClusterInventory,
    context: SandboxContext,
  ): AutoscalerHistory | undefined;
}

const NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
  'dpj',
];

function status(
  code: number,
  reason: string,
  message: string,
): SandboxResponse {
  return jsonResponse(code, statusObject(code, reason, message));
}

/** Keeps a view stable within one cluster state: it changes when node groups do. */
function resourceVersionOf(cluster: ClusterInventory): string {
  const sizes = cluster.nodegroups.reduce(
    (sum, group) => sum + group.desiredSize * 7 + group.createdAt / 1000,
    0,
  );
  return String(Math.floor(sizes) % 1_000_000_000);
}

interface ClusterView {
  cluster: ClusterInventory;
  nodes: V1Node[];
  pods: V1Pod[];
  autoscaler?: AutoscalerHistory;
  events: CoreV1Event[];
  /** Undefined where metrics-server does not run. */
  metrics?: NodeMetrics[];
  now: number;
}

function viewOf(
  cluster: ClusterInventory,
  inventory: InventoryReader,
  autoscaler: AutoscalerHistory | undefined,
  now: number,
): ClusterView {
  const nodes = nodesOf(cluster, inventory);
  const placed = placePods(cluster, nodes);
  return {
    cluster,
    nodes: nodes.map(node => renderNode(cluster, node)),
    metrics: metricsServed(cluster)
      ? nodeMetrics(nodes, placed, now)
      : undefined,
    pods: [
      ...placed.map(pod => renderPod(cluster, pod)),
      ...(autoscaler ? renderPendingPods(cluster, autoscaler, nodes, now) : []),
    ],
    autoscaler,
    events: autoscaler ? renderAutoscalerEvents(cluster, autoscaler, now) : [],
    now,
  };
}

function list<T extends { metadata?: { labels?: Record<string, string> } }>(
  request: SandboxRequest,
  kind: string,
  items: T[],
  fields: Record<string, (item: T) => string | undefined>,
  resourceVersion: string,
  apiVersion = 'v1',
): SandboxResponse {
  const byLabel = labelFilter(request.query.get('labelSelector'));
  const byField = fieldFilter(request.query.get('fieldSelector'), fields);
  const page = paginate(
    items.filter(item => byLabel(item.metadata?.labels) && byField(item)),
    request.query.get('limit'),
    request.query.get('continue'),
    resourceVersion,
  );
  return jsonResponse(200, {
    kind,
    apiVersion,
    metadata: {
      resourceVersion,
      ...(page.continueToken
        ? {
            continue: page.continueToken,
            remainingItemCount: page.remainingItemCount,
          }
        : {}),
    },
    items: page.items,
  });
}

const POD_FIELDS: Record<string, (pod: V1Pod) => string | undefined> = {
  'spec.nodeName': pod => pod.spec?.nodeName,
  'metadata.name': pod => pod.metadata?.name,
  'metadata.namespace': pod => pod.metadata?.namespace,
  'status.phase': pod => pod.status?.phase,
};
const EVENT_FIELDS: Record<string, (e: CoreV1Event) => string | undefined> = {
  'involvedObject.kind': e => e.involvedObject.kind,
  'involvedObject.name': e => e.involvedObject.name,
  'involvedObject.namespace': e => e.involvedObject.namespace,
  reason: e => e.reason,
};
const AUTOSCALER_STATUS =
  '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status';
const NODE_FIELDS: Record<string, (node: V1Node) => string | undefined> = {
  'metadata.name': node => node.metadata?.name,
  'spec.unschedulable': () => 'false',
};

function serve(
  request: SandboxRequest,
  path: string,
  view: () => ClusterView,
  cluster: ClusterInventory,
): SandboxResponse {
  const rv = resourceVersionOf(cluster);
  if (path === '/version') return jsonResponse(200, versionOf(cluster));
  if (path === '/api') return jsonResponse(200, apiVersions());
  if (path === '/apis') {
    return jsonResponse(200, apiGroups(metricsServed(cluster)));
  }
  if (path.startsWith('/apis/metrics.k8s.io/')) {
    const { metrics } = view();
    if (metrics && path === '/apis/metrics.k8s.io/v1beta1/nodes') {
      return list(
        request,
        'NodeMetricsList',
        metrics,
        { 'metadata.name': m => m.metadata.name },
        rv,
        'metrics.k8s.io/v1beta1',
      );
    }
    return status(
      404,
      'NotFound',
      'the server could not find the requested resource',
    );
  }
  if (path === '/api/v1/nodes') {
    return list(request, 'NodeList', view().nodes, NODE_FIELDS, rv);
  }
  if (path === '/api/v1/pods') {
    return list(request, 'PodList', view().pods, POD_FIELDS, rv);
  }
  if (path === '/api/v1/namespaces') {
    const namespaces = NAMESPACES.map(name => renderNamespace(cluster, name));
    return list(request, 'NamespaceList', namespaces, {}, rv);
  }
  if (path === AUTOSCALER_STATUS) {
    const { autoscaler, now } = view();
    return autoscaler
      ? jsonResponse(200, renderStatusConfigMap(cluster, autoscaler, now))
      : status(
          404,
          'NotFound',
          'configmaps "cluster-autoscaler-status" not found',
        );
  }
  const namespacedEvents = /^\/api\/v1\/namespaces\/([^/]+)\/events$/.exec(
    path,
  );
  if (namespacedEvents) {
    const events = view().events.filter(
      e => e.metadata.namespace === namespacedEvents[1],
    );
    return list(request, 'EventList', events, EVENT_FIELDS, rv);
  }
  const namespacedPods = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(path);
  if (namespacedPods) {
    const pods = view().pods.filter(
      p => p.metadata?.namespace === namespacedPods[1],
    );
    return list(request, 'PodList', pods, POD_FIELDS, rv);
  }
  const single =
    /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?(nodes|pods|namespaces)\/([^/]+)$/.exec(
      path,
    );
  if (single) {
    const [, namespace, resource, name] = single;
    let candidates: { metadata?: { name?: string } }[];
    if (resource === 'nodes') candidates = view().nodes;
    else if (resource === 'pods') {
      candidates = view().pods.filter(p => p.metadata?.namespace === namespace);
    } else candidates = NAMESPACES.map(ns => renderNamespace(cluster, ns));
    const found = candidates.find(item => item.metadata?.name === name);
    return found
      ? jsonResponse(200, found)
      : status(404, 'NotFound', `${resource} "${name}" not found`);
  }
  // Any other collection: core (/api/v1/…) or grouped (/apis/<group>/<version>/…).
  const collection =
    /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/[^/]+)?\/([a-z0-9]+)$/.exec(
      path,
    );
  if (collection) {
    const [, core, groupVersion, plural] = collection;
    return jsonResponse(200, emptyList(core ?? groupVersion, plural, rv));
  }
  return status(
    404,
    'NotFound',
    'the server could not find the requested resource',
  );
}

export function createKubernetesService(
  inventory: InventoryReader,
  options: KubernetesServiceOptions = {},
): HttpService {
  return {
    name: 'kubernetes',
    prefix: '/k8s',
    handle(request: SandboxRequest, context: SandboxContext): SandboxResponse {
      const authorization = String(request.headers.authorization ?? '');
      const token = /^Bearer\s+(\S+)/i.exec(authorization)?.[1];
      if (!token) return status(401, 'Unauthorized', 'Unauthorized');
      const route = /^\/(\d{12})\/([a-z0-9-]+)\/([^/]+)(\/.*)?$/.exec(
        request.path,
      );
      if (!route) {
        return status(
          404,
          'NotFound',
          'expected /k8s/<accountId>/<region>/<clusterName>/… (the endpoint DescribeCluster reports)',
        );
      }
      const [, accountId, region, clusterName, rest] = route;
      const cluster = inventory
        .clusters()
        .find(
          c =>
            c.accountId === accountId &&
            c.region === region &&
            c.name === clusterName &&
            !c.deletedAt,
        );
      if (!cluster) {
        return status(
          404,
          'NotFound',
          `no EKS cluster "${clusterName}" in account ${accountId}, region ${region}`,
        );
      }
      if (cluster.status !== 'ACTIVE' && cluster.status !== 'UPDATING') {
        return status(
          503,
          'ServiceUnavailable',
          `the API server of EKS cluster "${clusterName}" is not reachable while the cluster is ${cluster.status}`,
        );
      }
      let memo: ClusterView | undefined;
      const view = () =>
        (memo ??= viewOf(
          cluster,
          inventory,
          options.autoscalerOf?.(cluster, context),
          context.clock.nowMillis(),
        ));
      const budgets = serveDisruptionBudgets(
        request,
        rest ?? '/',
        cluster,
        context,
        { namespaces: NAMESPACES, pods: () => view().pods },
      );
      if (budgets) return budgets;
      if (request.method !== 'GET') {
        return status(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource (aws-sandbox's Kubernetes API is read-only but for poddisruptionbudgets)`,
        );
      }
      try {
        return serve(request, rest ?? '/', view, cluster);
      } catch (error) {
        if (error instanceof ListQueryError) {
          return status(400, 'BadRequest', error.message);
        }
        throw error;
      }
    },
  };
}

/** The PodDisruptionBudgets that keep a node group's nodes from being drained now. */
export function evictionBlocksOf(
  context: SandboxContext,
  inventory: InventoryReader,
  target: {
    accountId: string;
    region: string;
    clusterName: string;
    nodegroupName: string;
  },
): EvictionBlock[] {
  const cluster = inventory
    .clusters()
    .find(
      c =>
        c.accountId === target.accountId &&
        c.region === target.region &&
        c.name === target.clusterName &&
        !c.deletedAt,
    );
  if (!cluster) return [];
  const nodes = nodesOf(cluster, inventory);
  const pods = placePods(cluster, nodes).map(pod => renderPod(cluster, pod));
  return evictionBlocks(context, cluster, target.nodegroupName, {
    nodes: nodes.map(node => renderNode(cluster, node)),
    pods,
  });
}

export type { EvictionBlock } from './disruptionBudgets';
