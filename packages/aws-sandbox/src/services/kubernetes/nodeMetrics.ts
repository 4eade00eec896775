/**
 * `metrics.k8s.io/v1beta1` NodeMetrics, as metrics-server serves them: only while the
 * metrics-server add-on runs (without it the API server has no such group, and answers 404).
 * Usage is deterministic: each node uses between 35% and 85% of what its pods request, plus
 * the kubelet's and the runtime's own share. CPU in nanocores and memory in KiB, the units
 * metrics-server reports ("Resource metrics pipeline", Kubernetes docs).
 */
import type { ClusterInventory } from '../../core/inventory';
import { fractionFromHash, hashString } from '../prometheus/deterministicHash';
import type { SandboxNode } from './nodeModel';
import type { PlacedPod } from './podPlacement';
import { requestsOf } from './workloads';

/** metrics-server's resolution (its `--metric-resolution` default). */
const WINDOW = '15s';
/** What the kubelet, the container runtime and the OS use besides the pods. */
const SYSTEM_CPU_MILLIS = 60;
const SYSTEM_MEMORY_MI = 400;

export function metricsServed(cluster: ClusterInventory): boolean {
  return (cluster.addons ?? []).includes('metrics-server');
}

export interface NodeMetrics {
  apiVersion: 'metrics.k8s.io/v1beta1';
  kind: 'NodeMetrics';
  metadata: {
    name: string;
    creationTimestamp: string;
    labels: Record<string, string>;
  };
  timestamp: string;
  window: string;
  usage: { cpu: string; memory: string };
}

export function nodeMetrics(
  nodes: SandboxNode[],
  pods: PlacedPod[],
  now: number,
): NodeMetrics[] {
  const at = new Date(Math.floor(now / 1000) * 1000).toISOString();
  return nodes.map(node => {
    const [cpu, memoryMi] = pods
      .filter(pod => pod.node === node)
      .reduce(
        ([c, m], pod) => {
          const [podCpu, podMemory] = requestsOf(pod.workload);
          return [c + podCpu, m + podMemory];
        },
        [0, 0],
      );
    const seed = hashString(node.name);
    const busy = 0.35 + 0.5 * fractionFromHash(seed, 1, 0);
    const resident = 0.35 + 0.5 * fractionFromHash(seed, 2, 0);
    const usedMillis = SYSTEM_CPU_MILLIS + cpu * busy;
    const usedMi = SYSTEM_MEMORY_MI + memoryMi * resident;
    return {
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'NodeMetrics',
      metadata: {
        name: node.name,
        creationTimestamp: at,
        labels: node.labels,
      },
      timestamp: at,
      window: WINDOW,
      usage: {
        cpu: `${Math.round(usedMillis * 1e6)}n`,
        memory: `${Math.round(usedMi * 1024)}Ki`,
      },
    };
  });
}
