/**
 * Reduces the Kubernetes API's node, pod and node-metrics lists to per-node
 * figures. Only the fields read here are typed, so any client's objects fit.
 */
import { cpuMillis, wholeUnits } from './quantities';

type ResourceList = Record<string, string | undefined>;

export interface KubeNode {
  metadata?: { name?: string; labels?: Record<string, string> };
  status?: { allocatable?: ResourceList; capacity?: ResourceList };
}

interface KubeContainer {
  resources?: { requests?: ResourceList };
}

export interface KubePod {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    nodeName?: string;
    containers?: KubeContainer[];
    initContainers?: KubeContainer[];
    overhead?: ResourceList;
  };
  status?: {
    phase?: string;
    conditions?: {
      type?: string;
      status?: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
  };
}

export interface KubeNodeMetrics {
  metadata?: { name?: string };
  usage?: ResourceList;
}

/** Label EKS puts on every node of a managed node group. */
export const NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface NodeFigures {
  name: string;
  /** Undefined for nodes outside managed node groups (self-managed, Karpenter…). */
  nodeGroup?: string;
  instanceType?: string;
  zone?: string;
  allocatable: { cpuMillis: number; memoryBytes: number; pods: number };
  requested: { cpuMillis: number; memoryBytes: number; pods: number };
  usage?: { cpuMillis: number; memoryBytes: number };
}

interface Requests {
  cpuMillis: number;
  memoryBytes: number;
}

function containerRequests(containers: KubeContainer[] | undefined) {
  return (containers ?? []).map(container => ({
    cpuMillis: cpuMillis(container.resources?.requests?.cpu),
    memoryBytes: wholeUnits(container.resources?.requests?.memory),
  }));
}

/**
 * What the scheduler reserves for a pod: the sum of its containers or the
 * largest init container, whichever is more, plus the pod overhead.
 */
export function podRequests(pod: KubePod): Requests {
  const sum = containerRequests(pod.spec?.containers).reduce(
    (total, r) => ({
      cpuMillis: total.cpuMillis + r.cpuMillis,
      memoryBytes: total.memoryBytes + r.memoryBytes,
    }),
    { cpuMillis: 0, memoryBytes: 0 },
  );
  for (const init of containerRequests(pod.spec?.initContainers)) {
    sum.cpuMillis = Math.max(sum.cpuMillis, init.cpuMillis);
    sum.memoryBytes = Math.max(sum.memoryBytes, init.memoryBytes);
  }
  return {
    cpuMillis: sum.cpuMillis + cpuMillis(pod.spec?.overhead?.cpu),
    memoryBytes: sum.memoryBytes + wholeUnits(pod.spec?.overhead?.memory),
  };
}

/** Succeeded and Failed pods hold no resources on their node any more. */
export function isTerminated(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Per-node allocatable, requests of the node's live pods, and usage where measured. */
export function summarizeNodes(
  nodes: KubeNode[],
  pods: KubePod[],
  metrics?: KubeNodeMetrics[],
): NodeFigures[] {
  const requestedByNode = new Map<string, NodeFigures['requested']>();
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminated(pod)) continue;
    const requests = podRequests(pod);
    const total = requestedByNode.get(nodeName) ?? {
      cpuMillis: 0,
      memoryBytes: 0,
      pods: 0,
    };
    total.cpuMillis += requests.cpuMillis;
    total.memoryBytes += requests.memoryBytes;
    total.pods += 1;
    requestedByNode.set(nodeName, total);
  }
  const usageByNode = new Map(
    (metrics ?? []).map(m => [
      m.metadata?.name ?? '',
      {
        cpuMillis: cpuMillis(m.usage?.cpu),
        memoryBytes: wholeUnits(m.usage?.memory),
      },
    ]),
  );
  return nodes.map(node => {
    const name = node.metadata?.name ?? '';
    const labels = node.metadata?.labels ?? {};
    const allocatable = node.status?.allocatable ?? {};
    const usage = usageByNode.get(name);
    return {
      name,
      nodeGroup: labels[NODEGROUP_LABEL],
      instanceType: labels[INSTANCE_TYPE_LABEL],
      zone: labels[ZONE_LABEL],
      allocatable: {
        cpuMillis: cpuMillis(allocatable.cpu),
        memoryBytes: wholeUnits(allocatable.memory),
        pods: wholeUnits(allocatable.pods),
      },
      requested: requestedByNode.get(name) ?? {
        cpuMillis: 0,
        memoryBytes: 0,
        pods: 0,
      },
      ...(usage ? { usage } : {}),
    };
  });
}
