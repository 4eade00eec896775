/**
 * PodDisruptionBudgets (policy/v1): the one kind of object the sandbox's Kubernetes API
 * lets a client create, list and delete, because EKS reads them. A managed node group's
 * rolling update drains each old node through the eviction API, which refuses to evict a
 * pod while its budget allows no disruption; after 15 minutes the update fails with
 * PodEvictionFailure (EKS User Guide, "Understand each phase of node updates", upgrade
 * phase; re:Post Knowledge Center, "eks-managed-node-group-update").
 *
 * Status follows the disruption controller (kubernetes/pkg/controller/disruption): the
 * expected pods are those the selector matches in the budget's namespace, percentages
 * round up, and disruptionsAllowed = max(0, currentHealthy - desiredHealthy).
 */
import { randomUUID } from 'node:crypto';
import type {
  V1LabelSelector,
  V1Node,
  V1Pod,
  V1PodDisruptionBudget,
} from '@kubernetes/client-node';
import type { ClusterInventory } from '../../core/inventory';
import {
  jsonResponse,
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
} from '../../core/types';
import { statusObject } from './discovery';

const GROUP_VERSION = 'policy/v1';
const NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';

interface StoredBudget {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    creationTimestamp: string;
    labels?: Record<string, string>;
  };
  spec: NonNullable<V1PodDisruptionBudget['spec']>;
}

/** The budgets of one account and region, by cluster name. */
class BudgetStore {
  readonly byCluster = new Map<string, StoredBudget[]>();
}

function budgetsOf(
  context: SandboxContext,
  cluster: ClusterInventory,
): StoredBudget[] {
  const store = context.state.scope(
    'kubernetes-pdb',
    cluster.accountId,
    cluster.region,
    () => new BudgetStore(),
  );
  const key = `${cluster.name}@${cluster.createdAt}`;
  if (!store.byCluster.has(key)) store.byCluster.set(key, []);
  return store.byCluster.get(key)!;
}

function matches(
  selector: V1LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  // policy/v1: a null selector selects no pod, an empty one every pod of the namespace.
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every(({ key, operator, values }) => {
      const has = key in labels;
      switch (operator) {
        case 'In':
          return has && (values ?? []).includes(labels[key]);
        case 'NotIn':
          return !has || !(values ?? []).includes(labels[key]);
        case 'Exists':
          return has;
        default:
          return !has; // DoesNotExist
      }
    })
  );
}

/** An int-or-percent of `total`, rounded up as the disruption controller does. */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  return Math.ceil((Number(value.replace('%', '')) * total) / 100);
}

function coveredPods(budget: StoredBudget, pods: V1Pod[]): V1Pod[] {
  return pods.filter(
    pod =>
      pod.metadata?.namespace === budget.metadata.namespace &&
      matches(budget.spec.selector, pod.metadata?.labels ?? {}),
  );
}

function statusOf(budget: StoredBudget, pods: V1Pod[]) {
  const covered = coveredPods(budget, pods);
  const expectedPods = covered.length;
  const currentHealthy = covered.filter(
    pod => pod.status?.phase === 'Running',
  ).length;
  const { minAvailable, maxUnavailable } = budget.spec;
  const desiredHealthy =
    minAvailable !== undefined
      ? scaled(minAvailable, expectedPods)
      : Math.max(0, expectedPods - scaled(maxUnavailable ?? 0, expectedPods));
  return {
    observedGeneration: 1,
    expectedPods,
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy),
  };
}

/** The object as the API sends it (times as RFC 3339 strings). */
function render(budget: StoredBudget, pods: V1Pod[]): Record<string, unknown> {
  return {
    apiVersion: GROUP_VERSION,
    kind: 'PodDisruptionBudget',
    metadata: { ...budget.metadata, generation: 1 },
    spec: budget.spec,
    status: statusOf(budget, pods),
  };
}

function failure(code: number, reason: string, message: string) {
  return jsonResponse(code, statusObject(code, reason, message));
}

function invalid(name: string, message: string): SandboxResponse {
  return failure(
    422,
    'Invalid',
    `PodDisruptionBudget.policy "${name}" is invalid: ${message}`,
  );
}

function create(
  request: SandboxRequest,
  namespace: string,
  budgets: StoredBudget[],
  pods: V1Pod[],
  now: number,
): SandboxResponse {
  let body: V1PodDisruptionBudget;
  try {
    body = JSON.parse(request.body || '{}');
  } catch {
    return failure(400, 'BadRequest', 'the request body is not valid JSON');
  }
  const name = body.metadata?.name ?? '';
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
    return invalid(name, `metadata.name: Invalid value: "${name}"`);
  }
  const spec = body.spec ?? {};
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    return invalid(
      name,
      'spec: Invalid value: minAvailable and maxUnavailable cannot be both set',
    );
  }
  if (
    budgets.some(
      b => b.metadata.namespace === namespace && b.metadata.name === name,
    )
  ) {
    return failure(
      409,
      'AlreadyExists',
      `poddisruptionbudgets.policy "${name}" already exists`,
    );
  }
  const stored: StoredBudget = {
    metadata: {
      name,
      namespace,
      uid: randomUUID(),
      creationTimestamp: new Date(now).toISOString(),
      ...(body.metadata?.labels ? { labels: body.metadata.labels } : {}),
    },
    spec,
  };
  budgets.push(stored);
  return jsonResponse(201, render(stored, pods));
}

/**
 * Answers a request for `/apis/policy/v1/…/poddisruptionbudgets…`, or undefined for any
 * other path. `namespaces` are those that exist; `pods` the cluster's pods now.
 */
export function serveDisruptionBudgets(
  request: SandboxRequest,
  path: string,
  cluster: ClusterInventory,
  context: SandboxContext,
  options: { namespaces: string[]; pods: () => V1Pod[] },
): SandboxResponse | undefined {
  const route =
    /^\/apis\/policy\/v1\/(?:namespaces\/([^/]+)\/)?poddisruptionbudgets(?:\/([^/]+))?$/.exec(
      path,
    );
  if (!route) return undefined;
  const [, namespace, name] = route;
  if (namespace && !options.namespaces.includes(namespace)) {
    return failure(404, 'NotFound', `namespaces "${namespace}" not found`);
  }
  const budgets = budgetsOf(context, cluster);
  const pods = options.pods();
  const inScope = budgets.filter(
    b => !namespace || b.metadata.namespace === namespace,
  );
  if (!name) {
    if (request.method === 'POST' && namespace) {
      return create(
        request,
        namespace,
        budgets,
        pods,
        context.clock.nowMillis(),
      );
    }
    if (request.method !== 'GET') return undefined;
    return jsonResponse(200, {
      kind: 'PodDisruptionBudgetList',
      apiVersion: GROUP_VERSION,
      metadata: { resourceVersion: String(budgets.length) },
      items: inScope.map(b => render(b, pods)),
    });
  }
  const found = inScope.find(b => b.metadata.name === name);
  if (!namespace || (request.method !== 'GET' && request.method !== 'DELETE')) {
    return undefined;
  }
  if (!found) {
    return failure(
      404,
      'NotFound',
      `poddisruptionbudgets.policy "${name}" not found`,
    );
  }
  if (request.method === 'DELETE') {
    budgets.splice(budgets.indexOf(found), 1);
    return jsonResponse(200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name,
        group: 'policy',
        kind: 'poddisruptionbudgets',
        uid: found.metadata.uid,
      },
    });
  }
  return jsonResponse(200, render(found, pods));
}

/** What keeps a node group's nodes from being drained: its pods no budget lets go. */
export interface EvictionBlock {
  /** `namespace/name` of the PodDisruptionBudget. */
  budget: string;
  /** The nodes of the node group that hold a pod it protects. */
  nodes: string[];
  /** The budget's refusal, in the eviction API's words. */
  message: string;
}

export function evictionBlocks(
  context: SandboxContext,
  cluster: ClusterInventory,
  nodegroupName: string,
  view: { nodes: V1Node[]; pods: V1Pod[] },
): EvictionBlock[] {
  const inGroup = new Set(
    view.nodes
      .filter(n => n.metadata?.labels?.[NODEGROUP_LABEL] === nodegroupName)
      .map(n => n.metadata?.name),
  );
  return budgetsOf(context, cluster).flatMap(budget => {
    const status = statusOf(budget, view.pods);
    if (status.disruptionsAllowed > 0) return [];
    const nodes = [
      ...new Set(
        coveredPods(budget, view.pods)
          .map(pod => pod.spec?.nodeName)
          .filter((node): node is string => !!node && inGroup.has(node)),
      ),
    ].sort();
    if (nodes.length === 0) return [];
    return [
      {
        budget: `${budget.metadata.namespace}/${budget.metadata.name}`,
        nodes,
        message: `The disruption budget ${budget.metadata.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
      },
    ];
  });
}
